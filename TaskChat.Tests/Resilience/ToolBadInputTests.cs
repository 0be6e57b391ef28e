using System.Text.Json;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;
using static TaskChat.Tests.Infrastructure.OpenAIChunks;

namespace TaskChat.Tests.Resilience;

/// <summary>
/// The model sends bad tool arguments through the scripted provider: each row's call must fail with
/// a specific error the model can act on, change no task or tag, leave the answer complete (the
/// model explains), and Retry must still work afterwards.
/// </summary>
public sealed class ToolBadInputTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const string OthersTitle = "Bob's secret surprise party";

    /// <summary>What a row may refer to: one of the user's own tasks and one of another user's.</summary>
    public sealed record Seeds(int Own, int Others);

    public sealed record Row(Func<Seeds, (string Name, string Arguments)> Call, Func<Seeds, string> Error);

    private const string DueHelp = "Use ISO 8601 (2026-03-12T17:00) or words such as today, tomorrow 5pm, next friday, in 3 days, 12 March; "
        + "read in the user's time zone. A day without a time means the end of that day.";

    private static readonly string LongTitle = new('t', 300);

    public static readonly IReadOnlyDictionary<string, Row> Rows = new Dictionary<string, Row>
    {
        ["malformed JSON arguments"] = new(_ => (ToolNames.AddTask, "{\"title\": \"unterminated"),
            _ => "The arguments for add_task were not valid JSON, so nothing was done. Call it again with valid arguments."),
        ["arguments that are JSON but not an object"] = new(_ => (ToolNames.AddTask, "[\"Buy milk\"]"),
            _ => "The arguments for add_task were not valid JSON, so nothing was done. Call it again with valid arguments."),
        ["missing required argument"] = new(_ => (ToolNames.CompleteTask, "{}"),
            _ => "complete_task needs task_id, which was not given, so nothing was done. Call it again with task_id."),
        ["required argument given as null"] = new(_ => (ToolNames.AddTask, """{"title":null}"""),
            _ => "title for add_task must be a string, not null, so nothing was done. Call it again with a valid title."),
        ["title of the wrong type (number)"] = new(_ => (ToolNames.AddTask, """{"title":42}"""),
            _ => "title for add_task must be a string, not 42, so nothing was done. Call it again with a valid title."),
        ["task id of the wrong type (words)"] = new(_ => (ToolNames.DeleteTask, """{"task_id":"twelve"}"""),
            _ => "task_id for delete_task must be a whole number (an id from list_tasks), not \"twelve\", so nothing was done. Call it again with a valid task_id."),
        ["tags as a string instead of a list"] = new(s => (ToolNames.UpdateTask, $$"""{"task_id":{{s.Own}},"tags":"home"}"""),
            _ => "tags for update_task must be a list of strings, not \"home\", so nothing was done. Call it again with a valid tags."),
        ["unknown task id"] = new(_ => (ToolNames.UpdateTask, """{"task_id":777,"title":"Renamed"}"""),
            _ => "No task with id 777. Use list_tasks to find the right id."),
        ["another user's task id (delete)"] = new(s => (ToolNames.DeleteTask, $$"""{"task_id":{{s.Others}}}"""),
            s => $"No task with id {s.Others}. Use list_tasks to find the right id."),
        ["another user's task id (rename)"] = new(s => (ToolNames.UpdateTask, $$"""{"task_id":{{s.Others}},"title":"Mine now"}"""),
            s => $"No task with id {s.Others}. Use list_tasks to find the right id."),
        ["another user's task id (complete)"] = new(s => (ToolNames.CompleteTask, $$"""{"task_id":{{s.Others}}}"""),
            s => $"No task with id {s.Others}. Use list_tasks to find the right id."),
        ["unknown tool name"] = new(_ => ("drop_database", "{}"),
            _ => "There is no tool called \"drop_database\". Use one of: add_task, list_tasks, update_task, complete_task, delete_task, complete_all_tasks, delete_all_tasks, summarize_tasks."),
        ["over-long title via tool"] = new(_ => (ToolNames.AddTask, $$"""{"title":"{{LongTitle}}"}"""),
            _ => "Title must be at most 255 characters (it has 300)."),
        ["control character in title via tool"] = new(_ => (ToolNames.AddTask, """{"title":"Ring\u0007bell"}"""),
            _ => "Title cannot contain control characters."),
        ["negative task id"] = new(_ => (ToolNames.CompleteTask, """{"task_id":-5}"""),
            _ => "No task with id -5. Use list_tasks to find the right id."),
        ["task id beyond int range"] = new(_ => (ToolNames.DeleteTask, """{"task_id":99999999999999}"""),
            _ => "task_id for delete_task must be a whole number (an id from list_tasks), not 99999999999999, so nothing was done. Call it again with a valid task_id."),
        ["fractional task id"] = new(_ => (ToolNames.DeleteTask, """{"task_id":1.5}"""),
            _ => "task_id for delete_task must be a whole number (an id from list_tasks), not 1.5, so nothing was done. Call it again with a valid task_id."),
        ["boolean given as a string"] = new(s => (ToolNames.CompleteTask, $$"""{"task_id":{{s.Own}},"completed":"yes"}"""),
            _ => "completed for complete_task must be true or false, not \"yes\", so nothing was done. Call it again with a valid completed."),
        ["unknown priority"] = new(_ => (ToolNames.AddTask, """{"title":"x","priority":"critical"}"""),
            _ => "Priority must be low, medium or high, not \"critical\"."),
        ["due date that cannot be read"] = new(_ => (ToolNames.AddTask, """{"title":"x","due":"when pigs fly"}"""),
            _ => "Could not understand due \"when pigs fly\". " + DueHelp),
        ["due date before 1970"] = new(_ => (ToolNames.AddTask, """{"title":"x","due":"1900-01-01T10:00"}"""),
            _ => "Could not understand due \"1900-01-01T10:00\". " + DueHelp),
        ["eleven tags"] = new(_ => (ToolNames.AddTask, $$"""{"title":"x","tags":[{{string.Join(",", Enumerable.Range(1, 11).Select(i => $"\"t{i}\""))}}]}"""),
            _ => "A task can have at most 10 tags (it has 11)."),
    };

    public static TheoryData<string> RowNames() => [.. Rows.Keys];

    private ScriptedOpenAIServer server = default!;
    private AssistantHarness h = default!;
    private Seeds seeds = default!;

    public async Task InitializeAsync()
    {
        server = await ScriptedOpenAIServer.StartAsync();
        h = await AssistantHarness.ScriptedAsync(server, ("Assistant:MaxRetries", "0"), ("Assistant:MaxToolRounds", "3"));
        var bob = await h.Db.AddUserAsync("bob@example.com", "Europe/London");
        var own = await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("Water plants", Tags: ["home"]));
        var others = await h.Db.Tasks.CreateAsync(bob, new TaskDraft(OthersTitle, Tags: ["secret"]));
        seeds = new Seeds(own.Id, others.Id);
    }

    public async Task DisposeAsync()
    {
        await h.DisposeAsync();
        await server.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(RowNames))]
    public async Task A_bad_tool_call_fails_specifically_changes_nothing_and_retry_works(string row)
    {
        var (name, arguments) = Rows[row].Call(seeds);
        server.EnqueueStream(Role(), ToolCall(0, "bad1", name, arguments), Finish("tool_calls"));
        server.EnqueueStream(Role(), Text("I could not do that."), Finish("stop"));
        var before = await DbSnapshot.TakeAsync(h.Db.FilePath);

        var (threadId, answer) = await h.AskAsync("do the thing");

        var call = Assert.Single(answer.ToolCalls);
        Assert.Equal(ToolCallStatus.Failed, call.Status);
        var error = JsonDocument.Parse(call.ResultJson!).RootElement.GetProperty("error").GetString()!;
        output.WriteLine($"{row}: {error}");
        Assert.Equal(Rows[row].Error(seeds), error);
        Assert.DoesNotContain(OthersTitle, call.ResultJson);
        Assert.DoesNotContain("secret", call.ResultJson);
        // The result the model reads is the one stored.
        var sent = server.Requests[1].Json.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString();
        Assert.Equal(call.ResultJson, sent);
        Assert.Equal((MessageStatus.Complete, "I could not do that."), (answer.Status, answer.Text));
        var after = await DbSnapshot.TakeAsync(h.Db.FilePath);
        before.Only(DbSnapshot.TaskTables).AssertSameAs(after, row);
        before.AssertOnlyAppendedIn(after, "ChatMessages", row);

        await RetrySucceedsAsync(threadId);
    }

    [Fact]
    public async Task A_tool_whose_database_write_is_locked_beyond_the_busy_timeout_fails_with_busy_and_retry_works()
    {
        // A bulk call waits for the user's approval without writing: the lock is taken while it
        // waits, so the tool's own write is the one that times out.
        const string callId = "busy-tool-write";
        server.EnqueueStream(Role(), ToolCall(0, callId, ToolNames.DeleteAllTasks, "{}"), Finish("tool_calls"));
        server.EnqueueStream(Role(), Text("The database was busy."), Finish("stop"));
        var before = await DbSnapshot.TakeAsync(h.Db.FilePath, DbSnapshot.TaskTables);
        var thread = await h.Threads.CreateAsync(h.User);
        using var toolStarts = new ToolSpanStarts(callId);

        var run = await h.Runner.SendAsync(h.User, thread.Id, "delete all my tasks");
        var asking = await h.WaitForEventAsync<TaskChat.Core.Sync.RunToolCall>(e => e.Call.Status == ToolCallStatus.AwaitingApproval);
        var held = await h.Db.HoldWriteLockAsync();
        Assert.True(h.Runner.Decide(h.User, thread.Id, asking.Call.Id, approved: true));
        // The tool's span opens just before its write: counted from then (not from the approval,
        // which a busy machine may take seconds to act on), the lock is held past the tool's busy
        // timeout (5 s) and released before the result's own save gives up.
        await toolStarts.Started.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(7));
        await held.DisposeAsync();
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        var answer = await h.LastAnswerAsync(thread.Id);
        var call = Assert.Single(answer.ToolCalls);
        Assert.Equal(ToolCallStatus.Failed, call.Status);
        Assert.Equal("The database is busy right now; nothing was changed. Try again in a moment.",
            JsonDocument.Parse(call.ResultJson!).RootElement.GetProperty("error").GetString());
        Assert.Equal((MessageStatus.Complete, "The database was busy."), (answer.Status, answer.Text));
        before.AssertSameAs(await DbSnapshot.TakeAsync(h.Db.FilePath, DbSnapshot.TaskTables), "busy tool");

        await RetrySucceedsAsync(thread.Id);
    }

    [Fact]
    public async Task A_model_that_loops_calling_tools_fails_with_the_round_limit_changes_nothing_and_retry_works()
    {
        for (var i = 0; i < 3; i++)
            server.EnqueueStream(Role(), ToolCall(0, $"loop{i}", ToolNames.ListTasks, "{}"), Finish("tool_calls"));
        var before = await DbSnapshot.TakeAsync(h.Db.FilePath, DbSnapshot.TaskTables);

        var (threadId, answer) = await h.AskAsync("list forever");

        Assert.Equal(MessageStatus.Failed, answer.Status);
        Assert.Equal("The assistant kept calling tools without finishing its answer, so it was stopped after 3 rounds. Try asking more specifically.", answer.Error);
        Assert.Equal(3, answer.ToolCalls.Count);
        before.AssertSameAs(await DbSnapshot.TakeAsync(h.Db.FilePath, DbSnapshot.TaskTables), "tool loop");

        await RetrySucceedsAsync(threadId);
    }

    [Fact]
    public async Task Optional_arguments_sent_as_null_are_still_accepted()
    {
        server.EnqueueStream(Role(), ToolCall(0, "ok1", ToolNames.AddTask, """{"title":"Buy milk","description":null,"due":null,"priority":null,"tags":null}"""), Finish("tool_calls"));
        server.EnqueueStream(Role(), Text("Added."), Finish("stop"));

        var (_, answer) = await h.AskAsync("add buy milk");

        Assert.Equal(ToolCallStatus.Succeeded, Assert.Single(answer.ToolCalls).Status);
        output.WriteLine(string.Join("\n", new TaskKernel(new TaskPlugin(h.Db.Tasks, h.User, TimeZoneInfo.Utc, h.Db.Clock)).Tools.Select(f => f.Name + " " + f.JsonSchema.GetRawText())));
    }

    private async Task RetrySucceedsAsync(int threadId)
    {
        server.EnqueueStream(Role(), Text("Second time lucky."), Finish("stop"));
        var retry = await h.Runner.RetryAsync(h.User, threadId);
        await retry.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        var again = await h.LastAnswerAsync(threadId);
        Assert.Equal((MessageStatus.Complete, "Second time lucky."), (again.Status, again.Text));
    }
}
