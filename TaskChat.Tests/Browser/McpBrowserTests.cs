using Microsoft.Playwright;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Browser;

/// <summary>What a connected app does through MCP shows at once in every open tab of its user, like any other change.</summary>
[Collection(BrowserCollection.Name)]
public sealed class McpBrowserTests(BrowserFixture browsers, AppServerFixture fixture) : IClassFixture<AppServerFixture>
{
    private AppServer App => fixture.App;

    [BrowserFact]
    public async Task A_task_added_completed_and_deleted_through_MCP_shows_live_in_the_users_tabs_only()
    {
        var (email, tab, second) = await TwoTabsOfANewUserAsync();
        var stranger = new DashboardPage(await browsers.NewPageAsync(App));
        await stranger.RegisterAsync(DashboardPage.NewEmail());
        var user = await McpUser.ForAsync(App, email);
        await using var client = await user.ConnectAsync(App);

        var id = (await client.CallAsync(ToolNames.AddTask, new { title = "Added by Claude", priority = "high" })).Json.GetProperty("added").GetProperty("id").GetInt32();
        await Expect(tab.Row("Added by Claude")).ToHaveCountAsync(1);
        await Expect(second.Row("Added by Claude")).ToHaveCountAsync(1);
        await Expect(tab.Row("Added by Claude")).ToHaveAttributeAsync("data-task-id", id.ToString());

        await client.CallAsync(ToolNames.CompleteTask, new { task_id = id });
        await Expect(second.Row("Added by Claude")).ToHaveAttributeAsync("data-done", "true");

        await client.CallAsync(ToolNames.DeleteTask, new { task_id = id });
        await Expect(tab.Rows).ToHaveCountAsync(0);
        await Expect(second.Rows).ToHaveCountAsync(0);
        await Expect(stranger.Page.GetByTestId("task-list")).ToContainTextAsync("No tasks yet");
    }

    [BrowserFact]
    public async Task A_bulk_delete_from_an_app_that_cannot_ask_shows_as_a_card_in_every_tab_and_runs_once_approved()
    {
        var (email, tab, second) = await TwoTabsOfANewUserAsync();
        await tab.AddAsync("First");
        await tab.AddAsync("Second");
        var user = await McpUser.ForAsync(App, email, name: "Claude Desktop");
        await using var client = await user.ConnectAsync(App);

        Assert.StartsWith("Not done:", (await client.CallAsync(ToolNames.DeleteAllTasks)).Error());

        foreach (var page in new[] { tab, second })
            await Expect(page.Page.GetByTestId("app-approval")).ToContainTextAsync("Claude Desktop asks to: Delete all 2 of your tasks");
        await Expect(tab.Rows).ToHaveCountAsync(2);

        await second.Page.GetByTestId("app-approval-approve").ClickAsync();
        await Expect(tab.Page.GetByTestId("app-approval")).ToHaveCountAsync(0);
        await Expect(second.Page.GetByTestId("app-approval")).ToHaveCountAsync(0);
        await Expect(tab.Rows).ToHaveCountAsync(2); // approving runs nothing by itself

        Assert.Equal(2, (await client.CallAsync(ToolNames.DeleteAllTasks)).Json.GetProperty("deleted_count").GetInt32());
        await Expect(tab.Rows).ToHaveCountAsync(0);
        await Expect(second.Rows).ToHaveCountAsync(0);
    }

    private async Task<(string Email, DashboardPage Tab, DashboardPage Second)> TwoTabsOfANewUserAsync()
    {
        var email = DashboardPage.NewEmail();
        var tab = new DashboardPage(await browsers.NewPageAsync(App));
        await tab.RegisterAsync(email);
        var second = new DashboardPage(await tab.Page.Context.NewPageAsync());
        await second.Page.GotoAsync("/");
        await second.WaitUntilConnectedAsync();
        return (email, tab, second);
    }
}
