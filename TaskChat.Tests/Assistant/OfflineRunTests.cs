using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;
using TaskChat.Core.Data;
using TaskChat.Core.Sync;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Assistant;

/// <summary>The offline assistant through the real runner, loop and tools, over real SQLite.</summary>
public abstract class OfflineRunTests(DatabaseProvider provider)
{
    public sealed class OnSqlite() : OfflineRunTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : OfflineRunTests(DatabaseProvider.Postgres);

    [ProviderFact]
    public async Task Add_buy_milk_tomorrow_adds_the_task_and_answers()
    {
        await using var h = await AssistantHarness.OfflineAsync(provider);

        var (threadId, answer) = await h.AskAsync("add buy milk tomorrow");

        Assert.Equal(MessageStatus.Complete, answer.Status);
        Assert.Contains("Buy milk", answer.Text, StringComparison.OrdinalIgnoreCase);
        var call = Assert.Single(answer.ToolCalls);
        Assert.Equal((ToolNames.AddTask, ToolCallStatus.Succeeded), (call.Name, call.Status));
        Assert.Equal("offline", answer.Provider);

        var task = Assert.Single((await h.Db.Tasks.QueryAsync(h.User, new TaskQuery())).Items);
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var tomorrow = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, london).Date.AddDays(1);
        Assert.Equal(tomorrow, TimeZoneInfo.ConvertTimeFromUtc(task.DueUtc!.Value, london).Date);

        Assert.Equal("add buy milk tomorrow", (await h.Threads.GetAsync(h.User, threadId)).Title);
        await h.WaitForEventAsync<TasksChanged>(e => e.Kind == ChangeKind.Created);
        await h.WaitForEventAsync<RunFinished>(e => e.Status == MessageStatus.Complete);
        Assert.True(h.Events.OfType<RunChunk>().Any());
    }

    [ProviderFact]
    public async Task Referring_to_a_task_by_words_finds_it_then_completes_it()
    {
        await using var h = await AssistantHarness.OfflineAsync(provider);
        await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("Book dentist appointment"));

        var (_, answer) = await h.AskAsync("mark the dentist one done");

        Assert.Equal([ToolNames.ListTasks, ToolNames.CompleteTask], answer.ToolCalls.Select(c => c.Name));
        Assert.True(Assert.Single((await h.Db.Tasks.QueryAsync(h.User, new TaskQuery())).Items).IsCompleted);
        // The history sent back on the next turn replays both rounds with their results.
        Assert.Equal(2, answer.ToolCalls.Select(c => c.Round).Distinct().Count());
    }

    [ProviderFact]
    public async Task Bulk_delete_waits_for_the_user_and_cancel_changes_nothing()
    {
        await using var h = await AssistantHarness.OfflineAsync(provider);
        var (threadId, run, call) = await h.SendUntilApprovalAsync("delete all tasks", "Keep me");
        Assert.Equal(ToolNames.DeleteAllTasks, call.Name);
        Assert.Equal(1, await h.Db.CountTasksAsync()); // nothing runs on the model's word alone

        Assert.True(h.Runner.Decide(h.User, threadId, call.Id, approved: false));
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        var answer = await h.LastAnswerAsync(threadId);
        Assert.Equal(ToolCallStatus.Declined, Assert.Single(answer.ToolCalls).Status);
        Assert.Equal(MessageStatus.Complete, answer.Status);
        Assert.Equal(1, await h.Db.CountTasksAsync());
    }

    [ProviderFact]
    public async Task Bulk_delete_runs_once_confirmed()
    {
        await using var h = await AssistantHarness.OfflineAsync(provider);
        var (threadId, run, call) = await h.SendUntilApprovalAsync("delete all tasks", "One", "Two");
        Assert.Equal(2, await h.Db.CountTasksAsync());
        Assert.True(h.Runner.Decide(h.User, threadId, call.Id, approved: true));
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ToolCallStatus.Succeeded, Assert.Single((await h.LastAnswerAsync(threadId)).ToolCalls).Status);
        Assert.Equal(0, await h.Db.CountTasksAsync());
        Assert.Equal([ToolCallStatus.AwaitingApproval, ToolCallStatus.Running, ToolCallStatus.Succeeded], await CardStatusesAsync(h, call.Id));
    }

    [ProviderFact]
    public async Task Another_users_confirmation_is_not_taken_for_the_owners()
    {
        await using var h = await AssistantHarness.OfflineAsync(provider);
        var (threadId, run, call) = await h.SendUntilApprovalAsync("delete all tasks", "One", "Two");
        h.Runner.Decide("someone-else", threadId, call.Id, approved: true); // not theirs to confirm

        // No waiting needed to see it ignored: had the stranger's Confirm been taken, the question
        // would be answered already and the owner's Cancel could not be.
        Assert.True(h.Runner.Decide(h.User, threadId, call.Id, approved: false));
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ToolCallStatus.Declined, Assert.Single((await h.LastAnswerAsync(threadId)).ToolCalls).Status);
        Assert.Equal(2, await h.Db.CountTasksAsync());
    }

    [ProviderFact]
    public async Task Bulk_complete_waits_for_the_user_and_cancel_changes_nothing()
    {
        await using var h = await AssistantHarness.OfflineAsync(provider);
        var (threadId, run, call) = await h.SendUntilApprovalAsync("complete all tasks", "Keep me open");
        Assert.Equal(ToolNames.CompleteAllTasks, call.Name);
        Assert.Equal(1, await OpenTaskCountAsync(h)); // nothing runs on the assistant's word alone

        Assert.True(h.Runner.Decide(h.User, threadId, call.Id, approved: false));
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        var answer = await h.LastAnswerAsync(threadId);
        Assert.Equal(ToolCallStatus.Declined, Assert.Single(answer.ToolCalls).Status);
        Assert.Equal((MessageStatus.Complete, "OK, I left your tasks as they are."), (answer.Status, answer.Text));
        Assert.Equal(1, await OpenTaskCountAsync(h));
    }

    [ProviderFact]
    public async Task Bulk_complete_runs_once_confirmed()
    {
        await using var h = await AssistantHarness.OfflineAsync(provider);
        var (threadId, run, call) = await h.SendUntilApprovalAsync("complete all tasks", "One", "Two");
        Assert.Equal(2, await OpenTaskCountAsync(h));
        Assert.True(h.Runner.Decide(h.User, threadId, call.Id, approved: true));
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        var answer = await h.LastAnswerAsync(threadId);
        Assert.Equal(ToolCallStatus.Succeeded, Assert.Single(answer.ToolCalls).Status);
        Assert.Equal("Done: marked 2 tasks as complete.", answer.Text);
        Assert.Equal(0, await OpenTaskCountAsync(h));
        Assert.Equal(2, await h.Db.CountTasksAsync());
        // Running only after the Confirm: a call that ran while still asking would skip it.
        Assert.Equal([ToolCallStatus.AwaitingApproval, ToolCallStatus.Running, ToolCallStatus.Succeeded], await CardStatusesAsync(h, call.Id));
    }

    /// <summary>Every status the card was shown with. Events reach a subscriber in order, so once the answer's end has arrived, so has each of them.</summary>
    private static async Task<ToolCallStatus[]> CardStatusesAsync(AssistantHarness h, long toolCallId)
    {
        await h.WaitForEventAsync<RunFinished>();
        return [.. h.Events.OfType<RunToolCall>().Where(e => e.Call.Id == toolCallId).Select(e => e.Call.Status)];
    }

    private static async Task<int> OpenTaskCountAsync(AssistantHarness h) =>
        (await h.Db.Tasks.QueryAsync(h.User, new TaskQuery { Status = TaskStatusFilter.Open })).TotalCount;

    [ProviderFact]
    public async Task Sends_are_validated_and_limited()
    {
        await using var h = await AssistantHarness.OfflineAsync(provider, ("Assistant:SendsPerMinute", "2"), ("Assistant:MessageMaxLength", "50"));
        var thread = await h.Threads.CreateAsync(h.User);

        Assert.Equal("Type a message first.", (await Assert.ThrowsAsync<ChatValidationException>(() => h.Runner.SendAsync(h.User, thread.Id, "  \n "))).Message);
        Assert.Equal("Messages can be at most 50 characters (this one has 51).",
            (await Assert.ThrowsAsync<ChatValidationException>(() => h.Runner.SendAsync(h.User, thread.Id, new string('x', 51)))).Message);
        await Assert.ThrowsAsync<ChatNotFoundException>(() => h.Runner.SendAsync(h.User, 424242, "hi"));

        await h.AskAsync("hi", thread.Id);
        await h.AskAsync("hello", thread.Id);
        var limited = await Assert.ThrowsAsync<TaskChat.Core.Assistant.Runs.SendLimitException>(() => h.Runner.SendAsync(h.User, thread.Id, "again"));
        Assert.StartsWith("You can send 2 messages a minute. Try again in", limited.Message);
        Assert.Equal(4, (await h.Threads.GetMessagesAsync(h.User, thread.Id)).Messages.Count); // nothing stored for refused sends
    }

    [ProviderFact]
    public async Task Regenerating_counts_against_the_send_limit_like_sending()
    {
        await using var h = await AssistantHarness.OfflineAsync(provider, ("Assistant:SendsPerMinute", "3"));
        var (threadId, _) = await h.AskAsync("hi");
        await (await h.Runner.RetryAsync(h.User, threadId)).Completion;
        await (await h.Runner.RetryAsync(h.User, threadId)).Completion;

        await Assert.ThrowsAsync<TaskChat.Core.Assistant.Runs.SendLimitException>(() => h.Runner.RetryAsync(h.User, threadId));
        await Assert.ThrowsAsync<TaskChat.Core.Assistant.Runs.SendLimitException>(() => h.Runner.SendAsync(h.User, threadId, "again"));
        Assert.Equal(2, (await h.Threads.GetMessagesAsync(h.User, threadId)).Messages.Count); // the refused retry deleted nothing
    }

    [ProviderFact]
    public async Task Regenerate_replaces_the_last_answer_and_edit_resends_the_question()
    {
        await using var h = await AssistantHarness.OfflineAsync(provider);
        var (threadId, first) = await h.AskAsync("add buy milk");

        await (await h.Runner.RetryAsync(h.User, threadId)).Completion.WaitAsync(TimeSpan.FromSeconds(10));
        var messages = (await h.Threads.GetMessagesAsync(h.User, threadId)).Messages;
        Assert.Equal(2, messages.Count);
        Assert.NotEqual(first.Id, messages[1].Id);

        await (await h.Runner.RetryAsync(h.User, threadId, "add buy bread")).Completion.WaitAsync(TimeSpan.FromSeconds(10));
        messages = (await h.Threads.GetMessagesAsync(h.User, threadId)).Messages;
        Assert.Equal(2, messages.Count);
        Assert.Equal("add buy bread", messages[0].Text);
        Assert.Contains("Buy bread", messages[1].Text, StringComparison.OrdinalIgnoreCase);
    }
}
