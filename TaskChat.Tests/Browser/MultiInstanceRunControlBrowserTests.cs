using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static TaskChat.Tests.Infrastructure.OpenAIChunks;

namespace TaskChat.Tests.Browser;

/// <summary>
/// An answer runs on instance A; the same person watches it in a tab on instance B. Stop pressed on B
/// stops it on A, and a confirmation given on B lets A run the bulk action it waited for.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MultiInstanceRunControlBrowserTests(BrowserFixture browsers) : IAsyncLifetime
{
    private ScriptedOpenAIServer provider = default!;
    private RedisServer redis = default!;

    public async Task InitializeAsync()
    {
        provider = await ScriptedOpenAIServer.StartAsync();
        if (RedisServer.Available) redis = await RedisServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        if (redis is not null) await redis.DisposeAsync();
    }

    private async Task<(AppServer A, AppServer B, DashboardPage OnA, DashboardPage OnB)> TwoInstancesAsync()
    {
        var shared = new Dictionary<string, string>
        {
            ["Sync:Redis"] = redis.Configuration,
            ["Assistant:Provider"] = "OpenAICompatible",
            ["Assistant:Endpoint"] = provider.Endpoint.ToString(),
            ["Assistant:Model"] = "scripted-model",
            ["Assistant:MaxRetries"] = "0",
        };
        var a = await AppServer.StartAsync(shared);
        var b = await AppServer.StartAsync(shared, a.DataDirectory);
        var onA = new DashboardPage(await browsers.NewPageAsync(a));
        var email = DashboardPage.NewEmail();
        await onA.RegisterAsync(email);
        var onB = new DashboardPage(await browsers.NewPageAsync(b));
        await onB.SignInAsync(email);
        return (a, b, onA, onB);
    }

    // B opens the chat A is answering in: it joins the answer from the database and A's snapshot.
    private static async Task OpenSameChatAsync(DashboardPage onA, DashboardPage onB)
    {
        var thread = await onA.Page.GetByTestId("thread-item").First.GetAttributeAsync("data-thread-id");
        await onB.Page.Locator($"[data-testid=thread-item][data-thread-id='{thread}'] .thread-open").ClickAsync();
        await Expect(onB.Answers.Last).ToHaveAttributeAsync("data-status", "streaming");
    }

    [BrowserAndRedisFact]
    public async Task Stop_pressed_in_a_tab_on_instance_B_stops_the_answer_running_on_instance_A()
    {
        var (a, b, onA, onB) = await TwoInstancesAsync();
        await using var _ = a;
        await using var __ = b;
        provider.EnqueueStream(Role(), Text("Started on A"), new SseChunk(Text(" never arrives"), TimeSpan.FromMinutes(2)), Finish("stop"));
        await onA.SendAsync("a long question");
        await Expect(onA.Answers.Last).ToContainTextAsync("Started on A");
        var id = long.Parse((await onA.Answers.Last.GetAttributeAsync("data-message-id"))!);

        await OpenSameChatAsync(onA, onB);
        await Expect(onB.Answers.Last).ToContainTextAsync("Started on A");
        await onB.Page.GetByTestId("chat-stop").ClickAsync();

        // Stopped where it runs: both tabs and the database say so, the text so far kept.
        await Expect(onA.Answers.Last).ToHaveAttributeAsync("data-status", "stopped");
        await Expect(onB.Answers.Last).ToHaveAttributeAsync("data-status", "stopped");
        await Expect(onA.Answers.Last).ToContainTextAsync("Started on A");
        Assert.Equal((MessageStatus.Stopped, "Started on A"), await AppDatabase.MessageAsync(a, id));
        await Expect(onA.Page.GetByTestId("chat-stop")).ToHaveCountAsync(0);
    }

    [BrowserAndRedisFact]
    public async Task A_bulk_delete_confirmed_in_a_tab_on_instance_B_runs_on_instance_A()
    {
        var (a, b, onA, onB) = await TwoInstancesAsync();
        await using var _ = a;
        await using var __ = b;
        await onA.AddAsync("One");
        await onA.AddAsync("Two");
        await Expect(onB.Rows).ToHaveCountAsync(2);
        provider.EnqueueStream(Role(), ToolCall(0, "all", ToolNames.DeleteAllTasks, "{}"), Finish("tool_calls"));
        provider.EnqueueStream(Role(), Text("All gone."), Finish("stop"));
        await onA.SendAsync("clear my list");
        await Expect(onA.Page.GetByTestId("tool-approval")).ToBeVisibleAsync();

        await OpenSameChatAsync(onA, onB);
        await onB.Page.GetByTestId("tool-approval").GetByTestId("tool-approve").ClickAsync();

        await Expect(onA.Answers.Last).ToHaveAttributeAsync("data-status", "complete");
        await Expect(onA.Answers.Last).ToContainTextAsync("All gone.");
        await Expect(onA.Rows).ToHaveCountAsync(0);
        await Expect(onB.Rows).ToHaveCountAsync(0);
        await Expect(onB.Answers.Last).ToHaveAttributeAsync("data-status", "complete");
        Assert.Equal(0L, await AppDatabase.ScalarAsync<long>(a, "SELECT COUNT(*) FROM Tasks"));
        Assert.Equal(2, provider.Requests.Count); // A asked the model again with the tool's result
    }
}
