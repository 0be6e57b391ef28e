using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TaskChat.Core.Connections;
using TaskChat.Core.Sync;
using TaskChat.Tests.Infrastructure;
using TaskChat.Web.Components.Account;
using TaskChat.Web.Components.Connections;

namespace TaskChat.Tests.Components.Connections;

public sealed class ConnectedAppsTests
{
    private const string Secret = "[data-testid=mcp-token-value]";
    private const string Rows = "[data-testid=mcp-token-row]";
    /// <summary>Events reach the page off the publisher's thread: a loaded machine may take more than bunit's default second.</summary>
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Create_shows_the_secret_once_and_the_new_row()
    {
        await using var ctx = await ConnectionsComponentContext.CreateAsync();
        var page = ctx.Render<ConnectedApps>();
        page.WaitForAssertion(() => page.Find("[data-testid=mcp-token-empty]"));

        await page.Find("input[data-testid=mcp-token-name]").InputAsync(new() { Value = "Claude Desktop" });
        await page.Find("form").SubmitAsync();

        var token = Assert.Single(await ctx.Tokens.ListAsync(ctx.User));
        Assert.Equal(("Claude Desktop", AccessTokenScope.ReadOnly), (token.Name, token.Scope)); // read only unless asked
        var secret = page.Find(Secret).TextContent;
        Assert.StartsWith(AccessTokenRules.SecretPrefix, secret);
        Assert.Equal(token.Hint, secret[^4..]);
        Assert.Contains("Copy it now: it will not be shown again.", page.Find("[data-testid=mcp-token-created]").TextContent);
        page.WaitForAssertion(() => Assert.Equal(token.Id.ToString(), page.Find(Rows).GetAttribute("data-token-id")));
        Assert.Equal("", page.Find("input[data-testid=mcp-token-name]").GetAttribute("value"));

        await page.Find("[data-testid=mcp-token-dismiss]").ClickAsync(new());
        Assert.Empty(page.FindAll(Secret));
        Assert.DoesNotContain(secret, page.Markup);

        // Coming back to the page (another render of it) shows the row, never the secret.
        var again = ctx.Render<ConnectedApps>();
        again.WaitForAssertion(() => Assert.Single(again.FindAll(Rows)));
        Assert.DoesNotContain(secret, again.Markup);
        Assert.DoesNotContain(secret[..^4], page.Markup);
    }

    [Fact]
    public async Task Read_and_write_is_made_when_chosen()
    {
        await using var ctx = await ConnectionsComponentContext.CreateAsync();
        var page = ctx.Render<ConnectedApps>();

        await page.Find("input[data-testid=mcp-token-name]").InputAsync(new() { Value = "VS Code" });
        await page.FindAll("[data-testid=mcp-token-scope] input[type=radio]")[1].ClickAsync(new());
        await page.Find("form").SubmitAsync();

        Assert.Equal(AccessTokenScope.ReadWrite, Assert.Single(await ctx.Tokens.ListAsync(ctx.User)).Scope);
        page.WaitForAssertion(() => Assert.Equal("Read and write", page.Find("[data-testid=mcp-token-scope-chip]").TextContent.Trim()));
    }

    [Fact]
    public async Task A_refused_name_shows_the_rule_and_makes_nothing()
    {
        await using var ctx = await ConnectionsComponentContext.CreateAsync();
        await ctx.Tokens.CreateAsync(ctx.User, "Claude Desktop", AccessTokenScope.ReadOnly);
        var page = ctx.Render<ConnectedApps>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(Rows)));

        await page.Find("form").SubmitAsync();
        Assert.Equal("Give the token a name, such as the app that will use it.", page.Find("[data-testid=mcp-token-error]").TextContent.Trim());
        Assert.Equal("alert", page.Find("[data-testid=mcp-token-error]").GetAttribute("role"));

        await page.Find("input[data-testid=mcp-token-name]").InputAsync(new() { Value = "claude desktop" });
        await page.Find("form").SubmitAsync();
        Assert.Contains("You already have a token named \"claude desktop\"", page.Find("[data-testid=mcp-token-error]").TextContent);
        Assert.Equal("claude desktop", page.Find("input[data-testid=mcp-token-name]").GetAttribute("value")); // kept, to correct

        Assert.Single(await ctx.Tokens.ListAsync(ctx.User));
        Assert.Empty(page.FindAll(Secret));
        Assert.Single(page.FindAll(Rows));
    }

    [Fact]
    public async Task Revoke_asks_first_and_then_removes_the_row()
    {
        await using var ctx = await ConnectionsComponentContext.CreateAsync();
        var kept = await ctx.Tokens.CreateAsync(ctx.User, "VS Code", AccessTokenScope.ReadOnly);
        var doomed = await ctx.Tokens.CreateAsync(ctx.User, "Claude Desktop", AccessTokenScope.ReadWrite);
        var page = ctx.Render<ConnectedApps>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(Rows).Count));
        string Row(int id) => $"{Rows}[data-token-id='{id}']";

        await page.Find($"{Row(doomed.Token.Id)} [data-testid=mcp-token-revoke]").ClickAsync(new());
        Assert.Contains("Revoke it?", page.Find(Row(doomed.Token.Id)).TextContent);
        await page.Find($"{Row(doomed.Token.Id)} [data-testid=mcp-token-revoke-cancel]").ClickAsync(new());
        Assert.Equal(2, (await ctx.Tokens.ListAsync(ctx.User)).Count); // "No" keeps it
        Assert.Empty(page.FindAll("[data-testid=mcp-token-revoke-confirm]"));

        await page.Find($"{Row(doomed.Token.Id)} [data-testid=mcp-token-revoke]").ClickAsync(new());
        await page.Find($"{Row(doomed.Token.Id)} [data-testid=mcp-token-revoke-confirm]").ClickAsync(new());

        Assert.Equal([kept.Token.Id], (await ctx.Tokens.ListAsync(ctx.User)).Select(t => t.Id));
        Assert.Null(await ctx.Tokens.AuthenticateAsync(doomed.Secret));
        page.WaitForAssertion(() => Assert.Equal([kept.Token.Id.ToString()], page.FindAll(Rows).Select(r => r.GetAttribute("data-token-id"))));
    }

    [Fact]
    public async Task Rows_show_name_scope_hint_and_times_in_the_users_zone()
    {
        await using var ctx = await ConnectionsComponentContext.CreateAsync();
        var used = await ctx.Tokens.CreateAsync(ctx.User, "Claude Desktop", AccessTokenScope.ReadWrite);
        await ctx.Tokens.CreateAsync(ctx.User, "VS Code", AccessTokenScope.ReadOnly);
        ctx.Db.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.NotNull(await ctx.Tokens.AuthenticateAsync(used.Secret));
        ctx.Db.Clock.Advance(TimeSpan.FromMinutes(7));

        var page = ctx.Render<ConnectedApps>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(Rows).Count));

        var rows = page.FindAll(Rows);
        // Newest first. 15:30 UTC on 11 March is 15:30 in London (GMT).
        Assert.Equal("VS Code", rows[0].QuerySelector(".token-name")!.TextContent);
        Assert.Equal("Read only", rows[0].QuerySelector("[data-testid=mcp-token-scope-chip]")!.TextContent.Trim());
        Assert.Equal("Last used never", rows[0].QuerySelector("[data-testid=mcp-token-last-used]")!.TextContent);
        Assert.Contains("Created Today 15:30", rows[0].TextContent);
        Assert.Equal("Read and write", rows[1].QuerySelector("[data-testid=mcp-token-scope-chip]")!.TextContent.Trim());
        Assert.Equal($"…{used.Token.Hint}", rows[1].QuerySelector("[data-testid=mcp-token-hint]")!.TextContent);
        Assert.Equal("Last used 7 min ago", rows[1].QuerySelector("[data-testid=mcp-token-last-used]")!.TextContent);
        Assert.Equal("Revoke Claude Desktop", rows[1].QuerySelector("[data-testid=mcp-token-revoke]")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task The_list_follows_tokens_made_and_revoked_in_another_tab()
    {
        await using var ctx = await ConnectionsComponentContext.CreateAsync();
        var page = ctx.Render<ConnectedApps>();
        page.WaitForAssertion(() => page.Find("[data-testid=mcp-token-empty]"));

        var made = await ctx.Tokens.CreateAsync(ctx.User, "Claude Desktop", AccessTokenScope.ReadOnly); // publishes AccessTokensChanged
        page.WaitForAssertion(() => Assert.Equal(made.Token.Id.ToString(), page.Find(Rows).GetAttribute("data-token-id")), Live);
        Assert.Empty(page.FindAll(Secret)); // the other tab's secret is that tab's alone

        Assert.True(await ctx.Tokens.RevokeAsync(ctx.User, made.Token.Id));
        page.WaitForAssertion(() => page.Find("[data-testid=mcp-token-empty]"), Live);
    }

    [Fact]
    public async Task The_page_says_where_to_connect()
    {
        await using var ctx = await ConnectionsComponentContext.CreateAsync();
        var page = ctx.Render<ConnectedApps>();

        Assert.Equal("http://localhost/mcp", page.Find("[data-testid=mcp-endpoint]").TextContent);
        Assert.Contains("Authorization: Bearer <token>", page.Markup.Replace("&lt;", "<").Replace("&gt;", ">"));
    }

    [Fact]
    public async Task A_busy_database_is_said_so_and_nothing_is_made()
    {
        await using var ctx = await ConnectionsComponentContext.CreateAsync(busyTimeoutMs: 100);
        var page = ctx.Render<ConnectedApps>();
        page.WaitForAssertion(() => page.Find("[data-testid=mcp-token-empty]"));

        await using (await ctx.Db.HoldWriteLockAsync())
        {
            await page.Find("input[data-testid=mcp-token-name]").InputAsync(new() { Value = "Claude Desktop" });
            await page.Find("form").SubmitAsync();
        }

        Assert.Equal("The database is busy right now; nothing was changed. Try again in a moment.", page.Find("[data-testid=mcp-token-error]").TextContent.Trim());
        Assert.Empty(await ctx.Tokens.ListAsync(ctx.User));
        Assert.Empty(page.FindAll(Secret));
    }

    [Fact]
    public async Task Signed_out_everywhere_closes_this_tabs_gate_as_the_dashboard_does()
    {
        await using var ctx = await ConnectionsComponentContext.CreateAsync();
        ctx.Render<ConnectedApps>();
        var gate = ctx.Bunit.Services.GetRequiredService<CircuitSessionGate>();

        ctx.Db.Get<IUserBroadcaster>().Publish(ctx.User, new SessionsEnded(null));

        // Closing the gate renders nothing here, so the page's renders cannot be waited on.
        await Eventually.TrueAsync(() => gate.IsRevoked, "the tab's session gate closes");
    }
}
