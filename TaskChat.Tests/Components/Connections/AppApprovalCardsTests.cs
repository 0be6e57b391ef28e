using Bunit;
using TaskChat.Core.Connections;
using TaskChat.Web.Components.Connections;

namespace TaskChat.Tests.Components.Connections;

public sealed class AppApprovalCardsTests
{
    private const string Card = "[data-testid=app-approval]";

    [Fact]
    public async Task Nothing_is_rendered_when_no_app_is_waiting()
    {
        await using var ctx = await ConnectionsComponentContext.CreateAsync();
        var cards = await ctx.RenderApprovalCardsAsync();

        Assert.Equal("", cards.Markup.Trim());
    }

    [Fact]
    public async Task A_waiting_request_shows_as_a_labelled_card_with_what_the_app_asks()
    {
        await using var ctx = await ConnectionsComponentContext.CreateAsync();
        var token = (await ctx.Tokens.CreateAsync(ctx.User, "Claude Desktop", AccessTokenScope.ReadWrite)).Token;
        Assert.Equal(AppApprovalState.Requested, await ctx.RequestAsync(token, "Delete all 12 of your tasks"));

        var cards = await ctx.RenderApprovalCardsAsync();

        var card = cards.WaitForElement(Card);
        var id = Assert.Single(await ctx.Approvals.PendingAsync(ctx.User)).Id;
        Assert.Equal(id.ToString(), card.GetAttribute("data-approval-id"));
        Assert.Equal("Claude Desktop asks to: Delete all 12 of your tasks", card.QuerySelector("p[role=alert]")!.TextContent.Trim());
        Assert.Equal("group", card.GetAttribute("role"));
        Assert.Equal(card.QuerySelector("p[role=alert]")!.Id, card.GetAttribute("aria-labelledby"));
        Assert.Contains("Approve, then ask the app again: it will run once within 10 minutes.", card.TextContent);
    }

    [Fact]
    public async Task Approve_lets_the_apps_next_identical_call_run_once_and_the_card_goes()
    {
        await using var ctx = await ConnectionsComponentContext.CreateAsync();
        var token = (await ctx.Tokens.CreateAsync(ctx.User, "Claude Desktop", AccessTokenScope.ReadWrite)).Token;
        await ctx.RequestAsync(token, "Delete all 12 of your tasks");
        var cards = await ctx.RenderApprovalCardsAsync();

        await cards.WaitForElement("[data-testid=app-approval-approve]").ClickAsync(new());

        cards.WaitForAssertion(() => Assert.Empty(cards.FindAll(Card)));
        Assert.Contains("Approved. Ask Claude Desktop again", cards.Find("[data-testid=app-approval-notice]").TextContent);
        Assert.Empty(await ctx.Approvals.PendingAsync(ctx.User));
        Assert.Equal(AppApprovalState.Approved, await ctx.RequestAsync(token, "Delete all 12 of your tasks"));
    }

    [Fact]
    public async Task Decline_refuses_the_apps_next_call_and_the_card_goes()
    {
        await using var ctx = await ConnectionsComponentContext.CreateAsync();
        var token = (await ctx.Tokens.CreateAsync(ctx.User, "Claude Desktop", AccessTokenScope.ReadWrite)).Token;
        await ctx.RequestAsync(token, "Delete all 12 of your tasks");
        var cards = await ctx.RenderApprovalCardsAsync();

        await cards.WaitForElement("[data-testid=app-approval-decline]").ClickAsync(new());

        cards.WaitForAssertion(() => Assert.Empty(cards.FindAll(Card)));
        Assert.Equal(AppApprovalState.Declined, await ctx.RequestAsync(token, "Delete all 12 of your tasks"));
    }

    [Fact]
    public async Task Requests_made_and_answered_in_another_tab_come_and_go_live()
    {
        await using var ctx = await ConnectionsComponentContext.CreateAsync();
        var token = (await ctx.Tokens.CreateAsync(ctx.User, "Claude Desktop", AccessTokenScope.ReadWrite)).Token;
        var cards = await ctx.RenderApprovalCardsAsync();
        Assert.Empty(cards.FindAll(Card));

        await ctx.RequestAsync(token, "Delete all 12 of your tasks"); // publishes AppApprovalsChanged
        var id = cards.WaitForElement(Card, TimeSpan.FromSeconds(10)).GetAttribute("data-approval-id"); // delivered off the publisher's thread

        Assert.True(await ctx.Approvals.DecideAsync(ctx.User, long.Parse(id!), approve: true)); // another tab's click
        cards.WaitForAssertion(() => Assert.Empty(cards.FindAll(Card)), TimeSpan.FromSeconds(10));
    }
}
