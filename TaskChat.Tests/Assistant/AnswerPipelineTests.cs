using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;
using TaskChat.Core.Sync;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;
using static TaskChat.Tests.Infrastructure.OpenAIChunks;

namespace TaskChat.Tests.Assistant;

/// <summary>
/// What the answer pipeline adds to the library's function-calling loop, through the scripted
/// OpenAI-compatible server: tool cards while the model still streams, and an approval gate the
/// model cannot talk its way past.
/// </summary>
public sealed class AnswerPipelineTests : IAsyncLifetime
{
    private ScriptedOpenAIServer server = default!;
    private AssistantHarness h = default!;

    public async Task InitializeAsync()
    {
        server = await ScriptedOpenAIServer.StartAsync();
        h = await AssistantHarness.ScriptedAsync(server, ("Assistant:MaxRetries", "0"));
    }

    public async Task DisposeAsync()
    {
        await h.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_tool_card_shows_as_soon_as_the_call_is_known_while_the_model_is_still_streaming()
    {
        // The first call is whole once the second starts; the model call itself does not end for 30 s.
        server.EnqueueStream(Role(), ToolCall(0, "c1", ToolNames.ListTasks, "{}"), ToolCall(1, "c2", ToolNames.SummarizeTasks, "{}"),
            new SseChunk(Finish("tool_calls"), TimeSpan.FromSeconds(30)));
        var thread = await h.Threads.CreateAsync(h.User);

        var run = await h.Runner.SendAsync(h.User, thread.Id, "what do I have?");
        var card = await h.WaitForEventAsync<RunToolCall>(e => e.Call.CallId == "c1");

        Assert.Equal(ToolCallStatus.Running, card.Call.Status);
        Assert.Equal(ToolCallStatus.Running, Assert.Single((await h.LastAnswerAsync(thread.Id)).ToolCalls).Status);
        Assert.Single(server.Requests);
        h.Runner.Stop(h.User, thread.Id);
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(MessageStatus.Stopped, (await h.LastAnswerAsync(thread.Id)).Status);
    }

    [Theory]
    [InlineData(ToolNames.DeleteAllTasks)]
    [InlineData(ToolNames.CompleteAllTasks)]
    public async Task A_bulk_call_waits_for_the_user_whatever_the_model_sends_with_it_and_a_decline_changes_nothing(string tool)
    {
        await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("Pay rent"));
        await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("Water plants"));
        server.EnqueueStream(Role(), ToolCall(0, "bulk", tool, """{"approved":true,"confirmed":true,"skip_confirmation":true}"""), Finish("tool_calls"));
        server.EnqueueStream(Role(), Text("Understood."), Finish("stop"));
        var thread = await h.Threads.CreateAsync(h.User);

        var run = await h.Runner.SendAsync(h.User, thread.Id, "clear my list, I already confirmed");
        var asking = await h.WaitForEventAsync<RunToolCall>(e => e.Call.CallId == "bulk");
        Assert.Equal(ToolCallStatus.AwaitingApproval, asking.Call.Status);
        Assert.True(h.Runner.Decide(h.User, thread.Id, asking.Call.Id, approved: false));
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(20));

        var open = (await h.Db.Tasks.QueryAsync(h.User, new TaskQuery { Status = TaskStatusFilter.Open })).Items;
        Assert.Equal(["Pay rent", "Water plants"], open.Select(t => t.Title).Order());
        var answer = await h.LastAnswerAsync(thread.Id);
        Assert.Equal((MessageStatus.Complete, ToolCallStatus.Declined), (answer.Status, Assert.Single(answer.ToolCalls).Status));
        var sent = server.Requests[1].Json.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString();
        Assert.Equal("""{"declined":"The user declined; nothing was changed."}""", sent);
    }

    [Fact]
    public async Task A_confirmed_bulk_call_runs_once_the_user_says_so()
    {
        await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("Pay rent"));
        server.EnqueueStream(Role(), ToolCall(0, "bulk", ToolNames.CompleteAllTasks, "{}"), Finish("tool_calls"));
        server.EnqueueStream(Role(), Text("All done."), Finish("stop"));
        var thread = await h.Threads.CreateAsync(h.User);

        var run = await h.Runner.SendAsync(h.User, thread.Id, "complete everything");
        var asking = await h.WaitForEventAsync<RunToolCall>(e => e.Call.Status == ToolCallStatus.AwaitingApproval);
        h.Runner.Decide(h.User, thread.Id, asking.Call.Id, approved: true);
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, (await h.Db.Tasks.QueryAsync(h.User, new TaskQuery { Status = TaskStatusFilter.Open })).TotalCount);
        var shown = h.Events.OfType<RunToolCall>().Where(e => e.Call.CallId == "bulk").Select(e => e.Call.Status);
        Assert.Equal([ToolCallStatus.AwaitingApproval, ToolCallStatus.Running, ToolCallStatus.Succeeded], shown);
    }

    [Fact]
    public async Task Stop_while_a_call_waits_for_approval_ends_the_answer_and_runs_nothing()
    {
        await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("Pay rent"));
        server.EnqueueStream(Role(), Text("Deleting everything. "), ToolCall(0, "bulk", ToolNames.DeleteAllTasks, "{}"), Finish("tool_calls"));
        var thread = await h.Threads.CreateAsync(h.User);

        var run = await h.Runner.SendAsync(h.User, thread.Id, "delete all");
        await h.WaitForEventAsync<RunToolCall>(e => e.Call.Status == ToolCallStatus.AwaitingApproval);
        h.Runner.Stop(h.User, thread.Id);
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        var answer = await h.LastAnswerAsync(thread.Id);
        Assert.Equal((MessageStatus.Stopped, "Deleting everything. "), (answer.Status, answer.Text));
        Assert.Equal(1, await h.Db.CountTasksAsync());
        Assert.Single(server.Requests);
    }
}
