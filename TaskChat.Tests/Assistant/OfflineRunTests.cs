using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;
using TaskChat.Core.Sync;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Assistant;

/// <summary>The offline assistant through the real runner, loop and tools, over real SQLite.</summary>
public sealed class OfflineRunTests
{
    [Fact]
    public async Task Add_buy_milk_tomorrow_adds_the_task_and_answers()
    {
        await using var h = await AssistantHarness.OfflineAsync();

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

    [Fact]
    public async Task Referring_to_a_task_by_words_finds_it_then_completes_it()
    {
        await using var h = await AssistantHarness.OfflineAsync();
        await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("Book dentist appointment"));

        var (_, answer) = await h.AskAsync("mark the dentist one done");

        Assert.Equal([ToolNames.ListTasks, ToolNames.CompleteTask], answer.ToolCalls.Select(c => c.Name));
        Assert.True(Assert.Single((await h.Db.Tasks.QueryAsync(h.User, new TaskQuery())).Items).IsCompleted);
        // The history sent back on the next turn replays both rounds with their results.
        Assert.Equal(2, answer.ToolCalls.Select(c => c.Round).Distinct().Count());
    }

    [Fact]
    public async Task Bulk_delete_waits_for_the_user_and_cancel_changes_nothing()
    {
        await using var h = await AssistantHarness.OfflineAsync();
        await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("Keep me"));
        var thread = await h.Threads.CreateAsync(h.User);

        var run = await h.Runner.SendAsync(h.User, thread.Id, "delete all tasks");
        var waiting = await h.WaitForEventAsync<RunToolCall>(e => e.Call.Status == ToolCallStatus.AwaitingApproval);
        Assert.Equal(ToolNames.DeleteAllTasks, waiting.Call.Name);
        Assert.Equal(1, await h.Db.CountTasksAsync()); // nothing runs on the model's word alone

        Assert.True(h.Runner.Decide(h.User, thread.Id, waiting.Call.Id, approved: false));
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        var answer = await h.LastAnswerAsync(thread.Id);
        Assert.Equal(ToolCallStatus.Declined, Assert.Single(answer.ToolCalls).Status);
        Assert.Equal(MessageStatus.Complete, answer.Status);
        Assert.Equal(1, await h.Db.CountTasksAsync());
    }

    [Fact]
    public async Task Bulk_delete_runs_once_confirmed()
    {
        await using var h = await AssistantHarness.OfflineAsync();
        await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("One"));
        await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("Two"));
        var thread = await h.Threads.CreateAsync(h.User);

        var run = await h.Runner.SendAsync(h.User, thread.Id, "delete all tasks");
        var waiting = await h.WaitForEventAsync<RunToolCall>(e => e.Call.Status == ToolCallStatus.AwaitingApproval);
        // Not theirs to confirm: it goes out on their events, and the answer's owner never sees it.
        var theirs = new TaskCompletionSource<RunDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (h.Db.Get<IUserBroadcaster>().Subscribe("someone-else", e => { if (e is RunDecision d) theirs.TrySetResult(d); return Task.CompletedTask; }))
        {
            h.Runner.Decide("someone-else", thread.Id, waiting.Call.Id, approved: true);
            await theirs.Task.WaitAsync(TimeSpan.FromSeconds(10)); // delivered: the round trip is complete
        }
        Assert.DoesNotContain(h.Events, e => e is RunDecision);
        Assert.Equal(2, await h.Db.CountTasksAsync());
        Assert.Equal(Core.Chat.MessageStatus.Streaming, h.Runner.Current(h.User, thread.Id)!.Status);
        Assert.True(h.Runner.Decide(h.User, thread.Id, waiting.Call.Id, approved: true));
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ToolCallStatus.Succeeded, Assert.Single((await h.LastAnswerAsync(thread.Id)).ToolCalls).Status);
        Assert.Equal(0, await h.Db.CountTasksAsync());
    }

    [Fact]
    public async Task Sends_are_validated_and_limited()
    {
        await using var h = await AssistantHarness.OfflineAsync(("Assistant:SendsPerMinute", "2"), ("Assistant:MessageMaxLength", "50"));
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

    [Fact]
    public async Task Regenerating_counts_against_the_send_limit_like_sending()
    {
        await using var h = await AssistantHarness.OfflineAsync(("Assistant:SendsPerMinute", "3"));
        var (threadId, _) = await h.AskAsync("hi");
        await (await h.Runner.RetryAsync(h.User, threadId)).Completion;
        await (await h.Runner.RetryAsync(h.User, threadId)).Completion;

        await Assert.ThrowsAsync<TaskChat.Core.Assistant.Runs.SendLimitException>(() => h.Runner.RetryAsync(h.User, threadId));
        await Assert.ThrowsAsync<TaskChat.Core.Assistant.Runs.SendLimitException>(() => h.Runner.SendAsync(h.User, threadId, "again"));
        Assert.Equal(2, (await h.Threads.GetMessagesAsync(h.User, threadId)).Messages.Count); // the refused retry deleted nothing
    }

    [Fact]
    public async Task Regenerate_replaces_the_last_answer_and_edit_resends_the_question()
    {
        await using var h = await AssistantHarness.OfflineAsync();
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
