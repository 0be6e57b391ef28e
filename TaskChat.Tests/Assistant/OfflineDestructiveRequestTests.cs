using Microsoft.Extensions.AI;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;
using TaskChat.Core.Sync;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;
using static TaskChat.Tests.Assistant.OfflineHarness;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace TaskChat.Tests.Assistant;

/// <summary>
/// No destructive action on a guess: a deletion or completion by name acts only on one task named by
/// whole words; otherwise the assistant asks which, and a request about every task goes to the bulk
/// tools, which wait for the user's Confirm. Through the real runner and tools over SQLite, and the
/// planner alone for lookups a test database cannot easily produce.
/// </summary>
public sealed class OfflineDestructiveRequestTests
{
    [Fact]
    public async Task Get_rid_of_all_my_tasks_asks_first_and_cancel_keeps_call_mom()
    {
        await using var h = await AssistantHarness.OfflineAsync();
        var (threadId, run, call) = await h.SendUntilApprovalAsync("get rid of all my tasks", "Call mom", "Pay rent");
        Assert.Equal(ToolNames.DeleteAllTasks, call.Name);
        Assert.Equal(2, await h.Db.CountTasksAsync());

        Assert.True(h.Runner.Decide(h.User, threadId, call.Id, approved: false));
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        var answer = await h.LastAnswerAsync(threadId);
        Assert.Equal((ToolNames.DeleteAllTasks, ToolCallStatus.Declined), (Assert.Single(answer.ToolCalls).Name, answer.ToolCalls[0].Status));
        Assert.Equal("OK, I left your tasks as they are.", answer.Text);
        Assert.Equal(["Call mom", "Pay rent"], await TitlesAsync(h));
    }

    [Fact]
    public async Task Get_rid_of_all_my_tasks_deletes_them_all_once_confirmed()
    {
        await using var h = await AssistantHarness.OfflineAsync();
        var (threadId, run, call) = await h.SendUntilApprovalAsync("get rid of all my tasks", "Call mom", "Pay rent");
        Assert.Equal(2, await h.Db.CountTasksAsync());
        Assert.True(h.Runner.Decide(h.User, threadId, call.Id, approved: true));
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Deleted 2 tasks.", (await h.LastAnswerAsync(threadId)).Text);
        Assert.Equal(0, await h.Db.CountTasksAsync());
    }

    [Fact]
    public async Task Tick_off_all_of_them_asks_first_and_completes_nothing_until_confirmed()
    {
        await using var h = await AssistantHarness.OfflineAsync();
        var (threadId, run, call) = await h.SendUntilApprovalAsync("tick off all of them", "Call mom");
        Assert.Equal(ToolNames.CompleteAllTasks, call.Name);
        Assert.False(Assert.Single((await h.Db.Tasks.QueryAsync(h.User, new TaskQuery())).Items).IsCompleted);

        Assert.True(h.Runner.Decide(h.User, threadId, call.Id, approved: true));
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(Assert.Single((await h.Db.Tasks.QueryAsync(h.User, new TaskQuery())).Items).IsCompleted);
    }

    [Fact]
    public async Task Delete_mom_with_two_tasks_naming_mom_asks_which_and_deletes_nothing()
    {
        await using var h = await AssistantHarness.OfflineAsync();
        var call = await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("Call mom"));
        var gift = await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("Mom's birthday gift"));

        var (_, answer) = await h.AskAsync("delete mom");

        Assert.Equal([ToolNames.ListTasks], answer.ToolCalls.Select(c => c.Name));
        Assert.Equal(
            "2 tasks match **mom**. Which one do you mean?\n" +
            $"- **Mom's birthday gift** (id {gift.Id})\n" +
            $"- **Call mom** (id {call.Id})\n\n" +
            $"Say it with the number, for example \"delete task {gift.Id}\".",
            answer.Text);
        Assert.Equal(2, await h.Db.CountTasksAsync());
    }

    [Fact]
    public async Task Delete_call_does_not_delete_recall()
    {
        await using var h = await AssistantHarness.OfflineAsync();
        var recall = await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("Recall the order"));

        var (_, answer) = await h.AskAsync("delete call");

        Assert.Equal([ToolNames.ListTasks], answer.ToolCalls.Select(c => c.Name));
        Assert.Equal(
            "No open task is called **call**, so I changed nothing. These mention it; which one do you mean?\n" +
            $"- **Recall the order** (id {recall.Id})\n\n" +
            $"Say it with the number, for example \"delete task {recall.Id}\".",
            answer.Text);
        Assert.Equal(1, await h.Db.CountTasksAsync());
    }

    [Fact]
    public async Task Complete_call_next_to_recall_completes_only_the_task_named_call()
    {
        await using var h = await AssistantHarness.OfflineAsync();
        await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("Recall the order"));
        await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("Call mom"));

        var (_, answer) = await h.AskAsync("complete call");

        Assert.Equal("Done: **Call mom** is complete.", answer.Text);
        var done = (await h.Db.Tasks.QueryAsync(h.User, new TaskQuery { Status = TaskStatusFilter.Done })).Items;
        Assert.Equal("Call mom", Assert.Single(done).Title);
    }

    [Fact]
    public async Task A_match_only_in_a_description_is_not_acted_on()
    {
        await using var h = await AssistantHarness.OfflineAsync();
        await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("Pay rent", Description: "call the landlord first"));

        var (_, answer) = await h.AskAsync("delete the landlord one");

        Assert.StartsWith("No open task is called **landlord**, so I changed nothing.", answer.Text);
        Assert.Equal(1, await h.Db.CountTasksAsync());
    }

    // The requests seen or feared: each says "every task" and must reach a bulk tool (which asks).
    [Theory]
    [InlineData("get rid of all my tasks", "delete_all_tasks()")]
    [InlineData("Get rid of ALL my tasks please", "delete_all_tasks()")]
    [InlineData("remove all of them", "delete_all_tasks()")]
    [InlineData("delete everything on my list", "delete_all_tasks()")]
    [InlineData("delete every single one", "delete_all_tasks()")]
    [InlineData("trash them all", "delete_all_tasks()")]
    [InlineData("forget about all of it", "delete_all_tasks()")]
    [InlineData("nuke all my to-dos", "delete_all_tasks()")]
    [InlineData("tick off all of them", "complete_all_tasks()")]
    [InlineData("mark all of my open tasks as done", "complete_all_tasks()")]
    [InlineData("everything is done", "complete_all_tasks()")]
    [InlineData("all my tasks are finished", "complete_all_tasks()")]
    // Words beside "all" name a task, looked up like any other name (and acted on only if it is one).
    [InlineData("delete the all hands meeting", "list_tasks(completed=false; text=all hands meeting)")]
    [InlineData("complete call", "list_tasks(completed=false; text=call)")]
    public async Task Every_task_requests_go_to_the_bulk_tools(string request, string expected)
    {
        var updates = await StreamAsync(Client(), [new AiChatMessage(AiChatRole.User, request)]);

        Assert.Equal(expected, string.Join(" | ", Calls(updates).Select(Describe)));
    }

    [Theory]
    [InlineData("reopen all my tasks", "reopen task 12")]
    [InlineData("make everything high priority", "make task 12 high priority")]
    [InlineData("rename all of them to Done", "rename task 12 to Done")]
    public async Task One_task_changes_about_every_task_ask_which_and_call_nothing(string request, string example)
    {
        var updates = await StreamAsync(Client(), [new AiChatMessage(AiChatRole.User, request)]);

        Assert.Empty(Calls(updates));
        Assert.Equal($"Which task do you mean? Name it or give its number, for example \"{example}\".", Text(updates));
    }

    private static string Found(int total, params object[] tasks) => Json(new { total, tasks, truncated = total > tasks.Length });

    [Fact]
    public async Task Names_match_whole_words_ignoring_case_and_accents()
    {
        var (calls, _) = await RunAsync("delete RESUME", call => call.Name == ToolNames.ListTasks
            ? Found(2, Task(3, "Send the résumé"), Task(4, "Resumed meeting notes"))
            : Json(new { deleted = Task(3, "Send the résumé") }));

        Assert.Equal("delete_task(task_id=3)", Describe(calls[^1]));
    }

    [Fact]
    public async Task One_named_task_in_a_truncated_lookup_is_not_acted_on()
    {
        // 30 tasks contain "call"; of the 25 returned only one is called "call": the others may be.
        var found = Enumerable.Range(1, 24).Select(i => Task(i, $"Recall order {i}")).Append(Task(99, "Call mom")).ToArray();

        var (calls, answer) = await RunAsync("delete call", _ => Found(30, found));

        Assert.Single(calls);
        Assert.StartsWith("1 or more tasks match **call**. Which one do you mean?\n- **Call mom** (id 99)", answer);
    }

    [Fact]
    public async Task Two_tasks_with_the_same_title_are_not_guessed_between()
    {
        var (calls, answer) = await RunAsync("complete call mom", _ => Found(2, Task(5, "Call mom"), Task(6, "call MOM")));

        Assert.Single(calls);
        Assert.StartsWith("2 tasks match **call mom**. Which one do you mean?", answer);
    }

    [Fact]
    public void Model_tools_that_delete_or_complete_take_an_id_never_a_name()
    {
        var tools = new TaskKernel(new TaskPlugin(null!, "user", TimeZoneInfo.Utc, TimeProvider.System)).Tools;
        string Parameters(string name) => tools.Single(t => t.Name == name).JsonSchema.TryGetProperty("properties", out var properties)
            ? string.Join(",", properties.EnumerateObject().Select(p => p.Name))
            : "";

        Assert.Equal("task_id", Parameters(ToolNames.DeleteTask));
        Assert.Equal("task_id,completed", Parameters(ToolNames.CompleteTask));
        Assert.Equal("", Parameters(ToolNames.DeleteAllTasks));
        Assert.Equal("", Parameters(ToolNames.CompleteAllTasks));
        Assert.True(ToolNames.NeedsApproval(ToolNames.DeleteAllTasks, deletesSoFar: 0));
        Assert.True(ToolNames.NeedsApproval(ToolNames.CompleteAllTasks, deletesSoFar: 0));
    }

    private static async Task<string[]> TitlesAsync(AssistantHarness h) =>
        [.. (await h.Db.Tasks.QueryAsync(h.User, new TaskQuery())).Items.Select(t => t.Title).Order()];
}
