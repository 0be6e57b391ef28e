using Microsoft.Playwright;
using TaskChat.Core.Chat;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static TaskChat.Tests.Infrastructure.OpenAIChunks;

namespace TaskChat.Tests.Resilience;

/// <summary>
/// The server goes away while an answer is streaming, killed or stopped in order, and comes back:
/// no answer stays "streaming", its text so far is kept, Retry finishes it, and an open tab returns
/// by itself to the chat it showed with what the user had typed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RestartBrowserTests(BrowserFixture browsers) : IAsyncLifetime
{
    private ScriptedOpenAIServer provider = default!;

    public async Task InitializeAsync() => provider = await ScriptedOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await provider.DisposeAsync();

    private Task<AppServer> StartAppAsync(params (string Key, string Value)[] settings) => AppServer.StartAsync(new Dictionary<string, string>(
        settings.Select(s => KeyValuePair.Create(s.Key, s.Value)))
    {
        ["Assistant:Provider"] = "OpenAICompatible",
        ["Assistant:Endpoint"] = provider.Endpoint.ToString(),
        ["Assistant:Model"] = "scripted-model",
        ["Assistant:MaxRetries"] = "0",
    });

    [BrowserFact]
    public async Task Killed_mid_answer_the_server_comes_back_with_the_answer_interrupted_and_the_tab_back_on_its_chat_with_its_draft()
    {
        await using var app = await StartAppAsync();
        var page = new DashboardPage(await browsers.NewPageAsync(app));
        await page.RegisterAsync(DashboardPage.NewEmail());

        provider.EnqueueStream(Role(), Text("An older chat."), Finish("stop"));
        await page.AskAsync("the older chat");
        var older = await page.Page.GetByTestId("thread-item").First.GetAttributeAsync("data-thread-id");

        await page.Page.GetByTestId("new-thread").ClickAsync();
        await Expect(page.Answers).ToHaveCountAsync(0);
        provider.EnqueueStream(Role(), Text("The partial answer"), new SseChunk(Text(" never arrives"), TimeSpan.FromMinutes(2)), Finish("stop"));
        await page.SendAsync("a long question");
        await Expect(page.Answers.Last).ToContainTextAsync("The partial answer");
        var streaming = await page.Answers.Last.GetAttributeAsync("data-message-id");
        // A killed process keeps what its last snapshot (every 2 s) saved.
        var partial = long.Parse(streaming!);
        await Eventually.TrueAsync(async () => (await AppDatabase.MessageAsync(app, partial)).Text == "The partial answer", $"message {partial} to be saved with its partial text");

        await page.Page.Locator($"[data-testid=thread-item][data-thread-id='{older}'] .thread-open").ClickAsync();
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"[?&]thread={older}$"));
        await page.Page.GetByTestId("chat-input").FillAsync("typed before the crash");
        await page.Page.EvaluateAsync("() => window.__beforeRestart = true");

        await app.RestartAsync();

        // The new server does not know the tab's circuit: the tab reloads by itself, on the same chat.
        await page.Page.WaitForFunctionAsync("() => !window.__beforeRestart", null, new() { Timeout = 60_000 });
        await page.WaitUntilConnectedAsync();
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"[?&]thread={older}$"));
        await Expect(page.Page.Locator($"[data-testid=thread-item][data-thread-id='{older}']")).ToHaveAttributeAsync("data-active", "true");
        await Expect(page.Answers.Last).ToContainTextAsync("An older chat.");
        await Expect(page.Page.GetByTestId("chat-input")).ToHaveValueAsync("typed before the crash");
        Assert.True(await page.Page.GetByTestId("message-list").EvaluateAsync<bool>("l => l.scrollHeight - l.scrollTop - l.clientHeight < 48"));

        await page.Page.GetByTestId("thread-item").First.Locator(".thread-open").ClickAsync();
        var answer = page.Answers.Last;
        await Expect(answer).ToHaveAttributeAsync("data-status", "interrupted");
        await Expect(answer).ToContainTextAsync("The partial answer");
        await Expect(answer.GetByTestId("chat-error")).ToContainTextAsync("server restarted");
        Assert.Equal(MessageStatus.Interrupted, (await AppDatabase.MessageAsync(app, long.Parse(streaming!))).Status);

        provider.EnqueueStream(Role(), Text("The whole answer."), Finish("stop"));
        await answer.GetByTestId("chat-retry").ClickAsync();
        await Expect(page.Answers.Last).ToHaveAttributeAsync("data-status", "complete");
        await Expect(page.Answers.Last).ToContainTextAsync("The whole answer.");
        await Expect(page.Answers).ToHaveCountAsync(1);
    }

    [BrowserFact]
    public async Task Stopped_in_order_mid_answer_the_server_first_saves_the_text_no_snapshot_had_saved()
    {
        // No snapshot in the test's lifetime: only the shutdown can have saved the text. (The silence
        // that ends an answer must be at least three snapshots long, alone or not.)
        await using var app = await StartAppAsync(("Assistant:SnapshotSeconds", "600"), ("Assistant:InterruptAfterSeconds", "1800"));
        var page = new DashboardPage(await browsers.NewPageAsync(app));
        await page.RegisterAsync(DashboardPage.NewEmail());
        provider.EnqueueStream(Role(), Text("Saved"), new SseChunk(Text(" at shutdown"), TimeSpan.FromMilliseconds(200)),
            new SseChunk(Text(" never arrives"), TimeSpan.FromMinutes(2)), Finish("stop"));
        await page.SendAsync("a question");
        await Expect(page.Answers.Last).ToContainTextAsync("Saved at shutdown");
        var id = long.Parse((await page.Answers.Last.GetAttributeAsync("data-message-id"))!);
        Assert.Equal("", (await AppDatabase.MessageAsync(app, id)).Text);

        await page.Page.EvaluateAsync("() => window.__beforeRestart = true");
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await app.StopAsync(graceful: true);
        Console.WriteLine($"graceful stop with an answer streaming: {stopping.ElapsedMilliseconds} ms");

        var saved = await AppDatabase.MessageAsync(app, id);
        Assert.Equal((MessageStatus.Interrupted, "Saved at shutdown"), (saved.Status, saved.Text));

        await app.RestartAsync();
        // The tab reloads by itself once the new server refuses its old circuit; a reload from the test
        // as well would race with it.
        await page.Page.WaitForFunctionAsync("() => !window.__beforeRestart", null, new() { Timeout = 60_000 });
        await page.WaitUntilConnectedAsync();
        await Expect(page.Answers.Last).ToHaveAttributeAsync("data-status", "interrupted");
        await Expect(page.Answers.Last).ToContainTextAsync("Saved at shutdown");
        provider.EnqueueStream(Role(), Text("Finished this time."), Finish("stop"));
        await page.Answers.Last.GetByTestId("chat-retry").ClickAsync();
        await Expect(page.Answers.Last).ToHaveAttributeAsync("data-status", "complete");
        await Expect(page.Answers.Last).ToContainTextAsync("Finished this time.");
    }
}
