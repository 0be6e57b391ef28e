using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static TaskChat.Tests.Infrastructure.OpenAIChunks;

namespace TaskChat.Tests.Browser;

/// <summary>
/// Three instances act as one: the same person with a tab on each of A, B and C sees every change
/// and a streaming answer live wherever it was made, stops on B an answer A runs, and when A is
/// killed mid-answer the survivors mark the answer interrupted with its text, and nothing whose add
/// was acknowledged is lost. Written once for every store: each runs it as a nested class with its
/// own cluster fixture.
/// </summary>
public abstract class ClusterBrowserTests(BrowserFixture browsers, ScriptedClusterFixture fixture)
{
    [Collection(BrowserCollection.Name)]
    public sealed class OnSqlite(BrowserFixture browsers, SqliteClusterFixture fixture)
        : ClusterBrowserTests(browsers, fixture), IClassFixture<SqliteClusterFixture>;

    [Collection(BrowserCollection.Name)]
    public sealed class OnPostgres(BrowserFixture browsers, PostgresClusterFixture fixture)
        : ClusterBrowserTests(browsers, fixture), IClassFixture<PostgresClusterFixture>;

    private Cluster Cluster => fixture.Cluster;
    private ScriptedOpenAIServer Provider => fixture.Provider;

    [ClusterFact]
    public async Task Task_changes_on_any_instance_show_on_the_other_two()
    {
        var (onA, onB, onC) = await OneUserOnEachAsync();

        await onA.AddAsync("Made on A");
        await Expect(onB.Row("Made on A")).ToHaveCountAsync(1);
        await Expect(onC.Row("Made on A")).ToHaveCountAsync(1);

        await onA.Row("Made on A").GetByTestId("task-done-toggle").CheckAsync();
        await Expect(onB.Row("Made on A")).ToHaveAttributeAsync("data-done", "true");
        await Expect(onC.Row("Made on A")).ToHaveAttributeAsync("data-done", "true");

        await onC.AddAsync("Made on C");
        await Expect(onA.Row("Made on C")).ToHaveCountAsync(1);
        await Expect(onB.Row("Made on C")).ToHaveCountAsync(1);

        await onA.Row("Made on A").GetByTestId("task-delete").ClickAsync();
        await Expect(onB.Row("Made on A")).ToHaveCountAsync(0);
        await Expect(onC.Row("Made on A")).ToHaveCountAsync(0);
        await Expect(onB.Rows).ToHaveCountAsync(1);
        await CloseAsync(onA, onB, onC);
    }

    [ClusterFact]
    public async Task An_answer_running_on_A_streams_live_on_B_and_C_and_Stop_pressed_on_B_stops_it()
    {
        var (onA, onB, onC) = await OneUserOnEachAsync();
        // The rest of the answer waits until B and C are watching: what they show after it is live.
        var watching = new TaskCompletionSource();
        Provider.EnqueueStream(Role(), Text("Streaming"), Text(" from A"), new SseChunk(Text(", live on B and C"), After: watching.Task),
            new SseChunk(Text(" never arrives"), TimeSpan.FromMinutes(2)), Finish("stop"));
        await onA.SendAsync("a long question");
        await Expect(onA.Answers.Last).ToContainTextAsync("Streaming from A");
        var id = long.Parse((await onA.Answers.Last.GetAttributeAsync("data-message-id"))!);
        await OpenSameChatAsync(onA, onB, onC);
        await Expect(onB.Answers.Last).ToContainTextAsync("Streaming from A");
        await Expect(onC.Answers.Last).ToContainTextAsync("Streaming from A");

        watching.SetResult();
        foreach (var tab in new[] { onA, onB, onC })
        {
            await Expect(tab.Answers.Last).ToContainTextAsync("Streaming from A, live on B and C");
            await Expect(tab.Answers.Last).ToHaveAttributeAsync("data-status", "streaming");
        }

        await onB.Page.GetByTestId("chat-stop").ClickAsync();

        foreach (var tab in new[] { onA, onB, onC })
            await Expect(tab.Answers.Last).ToHaveAttributeAsync("data-status", "stopped");
        Assert.Equal((MessageStatus.Stopped, "Streaming from A, live on B and C"), await Cluster.Store.MessageAsync(id));
        await Expect(onA.Page.GetByTestId("chat-stop")).ToHaveCountAsync(0);
        await CloseAsync(onA, onB, onC);
    }

    [ClusterFact]
    public async Task A_killed_mid_answer_its_answer_ends_interrupted_on_B_and_C_and_no_acknowledged_task_is_lost()
    {
        var (onA, onB, onC) = await OneUserOnEachAsync();
        var acknowledged = new List<string> { "Before the answer 1", "Before the answer 2" };
        foreach (var title in acknowledged) await onA.AddAsync(title);
        Provider.EnqueueStream(Role(), Text("Cut off"), Text(" mid-answer"), new SseChunk(Text(" never arrives"), TimeSpan.FromMinutes(2)), Finish("stop"));
        await onA.SendAsync("a question A will not live to answer");
        await Expect(onA.Answers.Last).ToContainTextAsync("Cut off mid-answer");
        var id = long.Parse((await onA.Answers.Last.GetAttributeAsync("data-message-id"))!);
        await OpenSameChatAsync(onA, onB, onC);
        await Expect(onB.Answers.Last).ToContainTextAsync("Cut off mid-answer");
        await Expect(onC.Answers.Last).ToContainTextAsync("Cut off mid-answer");
        // Changes made on A and on B while A is answering: acknowledged once their tab shows them.
        foreach (var (tab, title) in new[] { (onA, "While it answered, on A"), (onB, "While it answered, on B"), (onA, "Just before the crash, on A") })
        {
            await tab.AddAsync(title);
            acknowledged.Add(title);
            // Every tab shows it before the next add: an add counts the rows it adds to.
            foreach (var other in new[] { onA, onB, onC }) await Expect(other.Row(title)).ToHaveCountAsync(1);
        }
        // A crash keeps what the last heartbeat saved; the survivors will show exactly that.
        await Eventually.TrueAsync(async () => (await Cluster.Store.MessageAsync(id)).Text == "Cut off mid-answer", $"message {id}'s text saved by a heartbeat");

        await Cluster.KillAsync(0);
        try
        {
            foreach (var tab in new[] { onB, onC })
            {
                await Expect(tab.Answers.Last).ToHaveAttributeAsync("data-status", "interrupted");
                await Expect(tab.Answers.Last).ToContainTextAsync("Cut off mid-answer");
            }
            Assert.Equal((MessageStatus.Interrupted, "Cut off mid-answer"), await Cluster.Store.MessageAsync(id));

            foreach (var tab in new[] { onB, onC })
            {
                await tab.ReloadAsync();
                await Expect(tab.Rows).ToHaveCountAsync(acknowledged.Count);
                foreach (var title in acknowledged) await Expect(tab.Row(title)).ToHaveCountAsync(1);
                await Expect(tab.Answers.Last).ToHaveAttributeAsync("data-status", "interrupted");
            }
        }
        finally
        {
            // The other tests of the class get all three instances back.
            await CloseAsync(onA, onB, onC);
            await Cluster.RestartAsync(0);
        }
    }

    [ClusterFact]
    public async Task A_connected_apps_calls_land_on_any_instance_and_show_on_all_with_its_approval_card()
    {
        var email = DashboardPage.NewEmail();
        var (onA, onB, onC) = await OneUserOnEachAsync(email);
        var user = await McpUser.ForAsync(Cluster[0], email, name: "Claude Desktop");
        // No session is kept between calls: each call may go to another instance, as behind a plain round-robin proxy.
        await using var viaB = await user.ConnectAsync(Cluster[1]);
        await using var viaC = await user.ConnectAsync(Cluster[2]);

        await viaB.CallAsync(ToolNames.AddTask, new { title = "Added through B" });
        await viaC.CallAsync(ToolNames.AddTask, new { title = "Added through C" });
        foreach (var tab in new[] { onA, onB, onC }) await Expect(tab.Rows).ToHaveCountAsync(2);

        Assert.StartsWith("Not done:", (await viaC.CallAsync(ToolNames.DeleteAllTasks)).Error());
        foreach (var tab in new[] { onA, onB, onC })
            await Expect(tab.Page.GetByTestId("app-approval")).ToContainTextAsync("Claude Desktop asks to: Delete all 2 of your tasks");
        await onA.Page.GetByTestId("app-approval-approve").ClickAsync();
        foreach (var tab in new[] { onB, onC }) await Expect(tab.Page.GetByTestId("app-approval")).ToHaveCountAsync(0);

        Assert.Equal(2, (await viaB.CallAsync(ToolNames.DeleteAllTasks)).Json.GetProperty("deleted_count").GetInt32());
        foreach (var tab in new[] { onA, onB, onC }) await Expect(tab.Rows).ToHaveCountAsync(0);
        await CloseAsync(onA, onB, onC);
    }

    private async Task<(DashboardPage OnA, DashboardPage OnB, DashboardPage OnC)> OneUserOnEachAsync(string? email = null)
    {
        var onA = new DashboardPage(await browsers.NewPageAsync(Cluster[0]));
        email ??= DashboardPage.NewEmail();
        await onA.RegisterAsync(email);
        var onB = new DashboardPage(await browsers.NewPageAsync(Cluster[1]));
        var onC = new DashboardPage(await browsers.NewPageAsync(Cluster[2]));
        await Task.WhenAll(onB.SignInAsync(email), onC.SignInAsync(email));
        return (onA, onB, onC);
    }

    // The others open the chat A is answering in: they join the answer from the store and A's snapshot.
    private static async Task OpenSameChatAsync(DashboardPage onA, params DashboardPage[] others)
    {
        var thread = await onA.Page.GetByTestId("thread-item").First.GetAttributeAsync("data-thread-id");
        foreach (var other in others)
        {
            await other.Page.Locator($"[data-testid=thread-item][data-thread-id='{thread}'] .thread-open").ClickAsync();
            await Expect(other.Answers.Last).ToHaveAttributeAsync("data-status", "streaming");
        }
    }

    private static async Task CloseAsync(params DashboardPage[] tabs)
    {
        foreach (var tab in tabs) await tab.Page.Context.CloseAsync();
    }
}
