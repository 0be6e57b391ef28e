using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static TaskChat.Tests.Infrastructure.OpenAIChunks;

namespace TaskChat.Tests.Browser;

/// <summary>Several tabs of one user stay in step; another user's tab sees none of it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SyncBrowserTests(BrowserFixture browsers, ScriptedAppFixture scripted) : IClassFixture<ScriptedAppFixture>
{
    private async Task<(DashboardPage A, DashboardPage B, DashboardPage Other)> OpenAsync()
    {
        var a = new DashboardPage(await browsers.NewPageAsync(scripted.App));
        await a.RegisterAsync(DashboardPage.NewEmail());
        var b = new DashboardPage(await a.Page.Context.NewPageAsync()); // same user, another tab
        await b.Page.GotoAsync("/");
        await b.WaitUntilConnectedAsync();
        var other = new DashboardPage(await browsers.NewPageAsync(scripted.App));
        await other.RegisterAsync(DashboardPage.NewEmail());
        return (a, b, other);
    }

    [BrowserFact]
    public async Task Task_changes_in_one_tab_appear_in_the_other_and_nowhere_else()
    {
        var (a, b, other) = await OpenAsync();

        await a.AddAsync("Shared errand");
        await Expect(b.Row("Shared errand")).ToHaveCountAsync(1);

        await b.Row("Shared errand").GetByTestId("task-done-toggle").CheckAsync();
        await Expect(a.Row("Shared errand")).ToHaveAttributeAsync("data-done", "true");

        await a.Row("Shared errand").GetByTestId("task-delete").ClickAsync();
        await Expect(b.Rows).ToHaveCountAsync(0);
        await Expect(other.Rows).ToHaveCountAsync(0);
        await Expect(other.Page.GetByTestId("task-list")).ToContainTextAsync("No tasks yet");
    }

    [BrowserFact]
    public async Task Editing_a_task_that_changes_in_another_tab_shows_the_new_values_and_says_so()
    {
        var (a, b, _) = await OpenAsync();
        await a.AddAsync("Report");
        await Expect(b.Row("Report")).ToHaveCountAsync(1);

        var editorA = await a.OpenEditorAsync("Report");
        await editorA.GetByTestId("edit-title").FillAsync("Quarterly report");

        var editorB = await b.OpenEditorAsync("Report");
        await editorB.GetByTestId("edit-title").FillAsync("Annual report");
        await editorB.GetByTestId("edit-priority").GetByText("High").ClickAsync();
        await editorB.GetByTestId("edit-save").ClickAsync();
        await Expect(b.Row("Annual report")).ToHaveCountAsync(1);

        await Expect(editorA.GetByTestId("edit-conflict")).ToContainTextAsync("Its title is now “Annual report”");
        await Expect(editorA.GetByTestId("edit-title")).ToHaveValueAsync("Quarterly report");
        await Expect(editorA.GetByTestId("edit-priority").Locator("[aria-checked=true]")).ToHaveTextAsync("High");
        await editorA.GetByTestId("edit-save").ClickAsync();
        await Expect(b.Row("Quarterly report").GetByTestId("task-priority")).ToHaveTextAsync("High");
    }

    [BrowserFact]
    public async Task An_answer_streams_in_both_tabs_and_stop_in_one_stops_it_for_both()
    {
        var (a, b, other) = await OpenAsync();
        scripted.Provider.EnqueueStream(Role(), Text("First words"), new SseChunk(Text(" then more"), TimeSpan.FromMilliseconds(300)),
            new SseChunk(Text(" and never the end"), TimeSpan.FromSeconds(30)), Finish("stop"));

        await a.SendAsync("write slowly");
        // B follows the thread A created and sees the same tokens, live.
        await Expect(b.Page.GetByTestId("thread-item")).ToHaveCountAsync(1);
        await b.Page.GetByTestId("thread-item").Locator(".thread-open").ClickAsync();
        await Expect(b.Answers.Last).ToHaveAttributeAsync("data-status", "streaming");
        await Expect(b.Answers.Last).ToContainTextAsync("First words then more");

        await b.Page.GetByTestId("chat-stop").ClickAsync();
        await Expect(a.Answers.Last).ToHaveAttributeAsync("data-status", "stopped");
        await Expect(b.Answers.Last).ToHaveAttributeAsync("data-status", "stopped");
        await Expect(a.Answers.Last).ToContainTextAsync("First words then more");
        await Expect(other.Page.GetByTestId("thread-item")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task A_tab_opened_mid_answer_shows_the_text_so_far_then_the_rest()
    {
        var a = new DashboardPage(await browsers.NewPageAsync(scripted.App));
        await a.RegisterAsync(DashboardPage.NewEmail());
        scripted.Provider.EnqueueStream(Role(), Text("Part one."), new SseChunk(Text(" Part two."), TimeSpan.FromSeconds(2)), Finish("stop"));
        await a.SendAsync("two parts please");
        await Expect(a.Answers.Last).ToContainTextAsync("Part one.");

        var late = new DashboardPage(await a.Page.Context.NewPageAsync());
        await late.Page.GotoAsync("/");
        await late.WaitUntilConnectedAsync();
        await Expect(late.Answers.Last).ToContainTextAsync("Part one.");
        await Expect(late.Answers.Last).ToHaveAttributeAsync("data-status", "complete");
        await Expect(late.Answers.Last).ToContainTextAsync("Part one. Part two.");
    }

    [BrowserFact]
    public async Task Threads_created_renamed_and_deleted_in_one_tab_follow_in_the_other()
    {
        var (a, b, _) = await OpenAsync();
        await a.Page.GetByTestId("new-thread").ClickAsync();
        await Expect(b.Page.GetByTestId("thread-item")).ToHaveCountAsync(1);
        await b.Page.GetByTestId("thread-item").Locator(".thread-open").ClickAsync();

        await a.Page.GetByTestId("thread-rename").ClickAsync();
        await a.Page.GetByTestId("thread-rename-input").FillAsync("Planning");
        await a.Page.GetByTestId("thread-rename-input").PressAsync("Enter");
        await Expect(b.Page.GetByTestId("thread-item")).ToContainTextAsync("Planning");

        await a.Page.GetByTestId("thread-delete").ClickAsync();
        await a.Page.GetByTestId("thread-delete-confirm").ClickAsync();
        await Expect(b.Page.GetByTestId("thread-item")).ToHaveCountAsync(0);
        await Expect(b.Page.GetByTestId("chat-notice")).ToContainTextAsync("This chat was deleted in another tab.");
    }

    [BrowserFact]
    public async Task Closing_every_tab_brings_the_subscriptions_back_to_zero()
    {
        await using var app = await AppServer.StartAsync();
        using var http = app.CreateClient();
        async Task<int> Tabs() => (await http.GetFromJsonAsync<JsonElement>("health")).GetProperty("subscriptions").GetProperty("tabs").GetInt32();

        var first = new DashboardPage(await browsers.NewPageAsync(app));
        await first.RegisterAsync(DashboardPage.NewEmail());
        var second = new DashboardPage(await first.Page.Context.NewPageAsync());
        await second.Page.GotoAsync("/");
        await second.WaitUntilConnectedAsync();
        Assert.Equal(2, await Tabs());

        // As a person closes a tab: unload runs and Blazor tells the server at once. (A tab that
        // vanishes without unload is kept for Blazor's 3-minute reconnect window, then released.)
        await second.Page.CloseAsync(new() { RunBeforeUnload = true });
        await first.Page.CloseAsync(new() { RunBeforeUnload = true });
        await Eventually.TrueAsync(async () => await Tabs() == 0, "no subscribed tabs on /health");
    }
}
