using System.Text.Json;
using Microsoft.Extensions.AI;
using static TaskChat.Tests.Assistant.OfflineHarness;

namespace TaskChat.Tests.Assistant;

/// <summary>Whole turns through the real client: tool results fed back, next calls and the final answer.</summary>
public sealed class OfflinePlannerTests
{
    private static string Found(params object[] tasks) => Json(new { total = tasks.Length, tasks, truncated = false });

    [Fact]
    public async Task One_match_by_words_is_acted_on()
    {
        var (calls, answer) = await RunAsync("mark the dentist one done", call => call.Name switch
        {
            "list_tasks" => Found(Task(3, "Dentist appointment", "Tomorrow")),
            _ => Json(new { completed = Task(3, "Dentist appointment", "Tomorrow", completed: true) }),
        });

        Assert.Equal(["list_tasks(completed=false; text=dentist)", "complete_task(completed=true; task_id=3)"], calls.Select(Describe));
        Assert.Equal("Done: **Dentist appointment** is complete.", answer);
    }

    [Fact]
    public async Task Completing_a_repeating_task_says_when_it_is_next_due()
    {
        var (_, answer) = await RunAsync("complete task 12", _ => Json(new
        {
            completed = Task(40, "Pay rent", "Yesterday", completed: true),
            next = Task(12, "Pay rent", "1 Apr"),
        }));

        Assert.Equal("Done: **Pay rent** is complete; it repeats, next due 1 Apr.", answer);
    }

    [Fact]
    public async Task Several_matches_ask_which_one()
    {
        var (calls, answer) = await RunAsync("mark the dentist one done",
            _ => Found(Task(3, "Dentist appointment", "Tomorrow"), Task(8, "Pay dentist bill")));

        Assert.Equal(["list_tasks(completed=false; text=dentist)"], calls.Select(Describe));
        Assert.Equal(
            "2 tasks match **dentist**. Which one do you mean?\n" +
            "- **Dentist appointment** (id 3, due Tomorrow)\n" +
            "- **Pay dentist bill** (id 8)\n\n" +
            "Say it with the number, for example \"complete task 3\".",
            answer);
    }

    [Fact]
    public async Task No_match_suggests_the_whole_list()
    {
        var (calls, answer) = await RunAsync("delete the dentist one", _ => Found());

        Assert.Single(calls);
        Assert.Equal("I couldn't find an open task matching **dentist**. Say \"show my tasks\" to see them all.", answer);
    }

    [Fact]
    public async Task A_title_matching_the_words_exactly_wins()
    {
        var (calls, _) = await RunAsync("complete buy milk", call => call.Name == "list_tasks"
            ? Found(Task(4, "Buy milk powder"), Task(5, "Buy milk"))
            : Json(new { completed = Task(5, "Buy milk", completed: true) }));

        Assert.Equal("complete_task(completed=true; task_id=5)", Describe(calls[^1]));
    }

    [Fact]
    public async Task Reopening_looks_among_completed_tasks()
    {
        var (calls, answer) = await RunAsync("reopen buy milk", call => call.Name == "list_tasks"
            ? Found(Task(5, "Buy milk", completed: true))
            : Json(new { reopened = Task(5, "Buy milk") }));

        Assert.Equal(["list_tasks(completed=true; text=buy milk)", "complete_task(completed=false; task_id=5)"], calls.Select(Describe));
        Assert.Equal("Reopened **Buy milk**; it's on your open list again.", answer);
    }

    [Fact]
    public async Task Renaming_by_words_carries_the_new_title()
    {
        var (calls, answer) = await RunAsync("rename milk to buy oat milk", call => call.Name == "list_tasks"
            ? Found(Task(4, "Milk"))
            : Json(new { updated = Task(4, "buy oat milk"), changed = new[] { "title" } }));

        Assert.Equal("update_task(task_id=4; title=Buy oat milk)", Describe(calls[^1]));
        Assert.Equal("Renamed it to **buy oat milk**.", answer);
    }

    [Fact]
    public async Task Moving_by_words_passes_the_date_phrase_through()
    {
        var (calls, _) = await RunAsync("move the dentist to friday at 10am", call => call.Name == "list_tasks"
            ? Found(Task(3, "Dentist"))
            : Json(new { updated = Task(3, "Dentist", "Fri 10:00"), changed = new[] { "due" } }));

        Assert.Equal("update_task(due=friday at 10am; task_id=3)", Describe(calls[^1]));
    }

    [Fact]
    public async Task A_tool_error_is_relayed_plainly()
    {
        var (_, answer) = await RunAsync("complete task 7",
            _ => Json(new { error = "No task with id 7. Use list_tasks to find the right id." }));

        Assert.Equal("Sorry, that didn't work: No task with id 7. Use list\\_tasks to find the right id.", answer);
    }

    [Fact]
    public async Task An_error_from_the_lookup_stops_there()
    {
        var (calls, answer) = await RunAsync("complete buy milk", _ => Json(new { error = "The task store is busy. Try again." }));

        Assert.Single(calls);
        Assert.Equal("Sorry, that didn't work: The task store is busy. Try again.", answer);
    }

    [Fact]
    public async Task A_plain_text_result_is_read_as_an_error() =>
        Assert.Equal("Sorry, that didn't work: Task store unavailable",
            (await RunAsync("delete task 2", _ => "Task store unavailable")).Answer);

    [Fact]
    public async Task A_declined_bulk_action_changes_nothing()
    {
        var (calls, answer) = await RunAsync("delete all tasks", _ => Json(new { declined = "The user declined; nothing was changed." }));

        Assert.Equal(["delete_all_tasks()"], calls.Select(Describe));
        Assert.Equal("OK, I left your tasks as they are.", answer);
    }

    [Fact]
    public async Task Results_may_arrive_as_json_elements()
    {
        var (_, answer) = await RunAsync("complete task 12",
            _ => JsonSerializer.SerializeToElement(new { completed = Task(12, "Pay rent", completed: true) }));

        Assert.Equal("Done: **Pay rent** is complete.", answer);
    }

    [Fact]
    public async Task Several_calls_in_one_round_are_all_answered()
    {
        var (calls, answer) = await RunAsync("complete tasks 3 and 4",
            call => Json(new { completed = Task(Convert.ToInt32(call.Arguments!["task_id"]), $"Task {call.Arguments["task_id"]}", completed: true) }));

        Assert.Equal(2, calls.Count);
        Assert.Equal("Done: **Task 3** is complete.\n\nDone: **Task 4** is complete.", answer);
    }

    public static TheoryData<string, string, string> ResultShapes => new()
    {
        { "add buy milk tomorrow #errands", Json(new { added = Task(12, "Buy milk", "Tomorrow", tags: ["errands"]) }),
            "Added **Buy milk**, due tomorrow, tagged errands." },
        { "add pay rent urgent", Json(new { added = Task(13, "Pay rent", priority: "high") }), "Added **Pay rent**, high priority." },
        { "postpone task 3 to next week", Json(new { updated = Task(3, "Report", "Mon"), changed = new[] { "due" } }),
            "Updated **Report**: now due Mon." },
        { "make task 3 high priority", Json(new { updated = Task(3, "Report", priority: "high"), changed = new[] { "priority" } }),
            "Updated **Report**: high priority." },
        { "make task 3 high priority", Json(new { updated = Task(3, "Report", priority: "high"), changed = Array.Empty<string>() }),
            "Nothing changed: **Report** already looked like that." },
        { "delete task 15", Json(new { deleted = Task(15, "Old idea") }), "Deleted **Old idea**." },
        { "what's due this week?",
            Found(Task(1, "Send invoice", "Fri 17:00"), Task(2, "Call bank", "Today 09:00", priority: "high", overdue: true)),
            "You have 2 tasks due this week:\n- **Send invoice** (due Fri 17:00)\n- **Call bank** (due Today 09:00, overdue, high priority)" },
        { "what's due this week?", Found(), "Nothing is due this week." },
        { "list overdue tasks", Found(Task(2, "Call bank", "Yesterday", overdue: true)), "You have 1 overdue task:\n- **Call bank** (due Yesterday, overdue)" },
        { "list overdue tasks", Found(), "Nothing is overdue." },
        { "show my tasks", Found(), "Your list is empty. Try \"add buy milk tomorrow\"." },
        { "show my tasks", Json(new { total = 3, tasks = new[] { Task(1, "A", completed: true) }, truncated = true }),
            "You have 3 tasks:\n- **A** (done)\n…and 2 more." },
        { "find milk", Found(), "You have no tasks matching **milk**." },
        { "show high priority tasks tagged work", Found(), "You have no high priority tasks tagged **work**." },
        { "complete all tasks", Json(new { completed_count = 4 }), "Done: marked 4 tasks as complete." },
        { "complete all tasks", Json(new { completed_count = 0 }), "There was nothing left to complete." },
        { "delete all tasks", Json(new { deleted_count = 6 }), "Deleted 6 tasks." },
        { "summarize my tasks",
            Json(new { open = 5, overdue = 1, due_today = 2, due_this_week = 3, by_priority = new { high = 1, medium = 3, low = 1 } }),
            "You have 5 open tasks: 1 overdue, 2 due today and 3 due this week. By priority: 1 high, 3 medium, 1 low. " +
            "Say \"list overdue tasks\" to see the late ones." },
        { "how am I doing?", Json(new { open = 0, overdue = 0, due_today = 0, due_this_week = 0 }), "You have no open tasks. Nice work!" },
    };

    [Theory]
    [MemberData(nameof(ResultShapes))]
    public async Task Answers_each_result_shape(string request, string result, string expected) =>
        Assert.Equal(expected, (await RunAsync(request, _ => result)).Answer);

    [Fact]
    public async Task User_text_cannot_inject_markup()
    {
        var (calls, added) = await RunAsync("add **x**<script>", call => Json(new { added = Task(1, (string)call.Arguments!["title"]!) }));
        Assert.Equal("add_task(title=**x**<script>)", Describe(calls[0]));
        Assert.Equal("Added **\\*\\*x\\*\\*\\<script\\>**.", added);

        var (_, listed) = await RunAsync("show my tasks", _ => Found(Task(2, "# [click](http://evil) `code` _x_")));
        Assert.Equal("You have 1 task:\n- **\\# \\[click\\](http://evil) \\`code\\` \\_x\\_**", listed);

        var (_, noMatch) = await RunAsync("complete [evil](http://x)", _ => Found());
        Assert.Contains("matching **\\[evil\\](http://x)**.", noMatch);
    }

    [Fact]
    public async Task Answers_stream_a_few_words_at_a_time()
    {
        var client = Client();
        var updates = await StreamAsync(client, [new ChatMessage(ChatRole.User, "help")]);

        Assert.True(updates.Count > 5);
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.All(updates[..^1], u => Assert.Null(u.FinishReason));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.All(updates, u => Assert.True(u.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3));

        var whole = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "help")]);
        Assert.Equal(Text(updates), whole.Text);
        Assert.Equal(ChatFinishReason.Stop, whole.FinishReason);
    }

    [Fact]
    public async Task Only_the_latest_request_counts_and_call_ids_stay_unique()
    {
        List<ChatMessage> history =
        [
            new(ChatRole.User, "complete task 3"),
            new(ChatRole.Assistant, [new FunctionCallContent("offline-1", "complete_task", new Dictionary<string, object?> { ["task_id"] = 3, ["completed"] = true })]),
            new(ChatRole.Tool, [new FunctionResultContent("offline-1", Json(new { completed = Task(3, "A", completed: true) }))]),
            new(ChatRole.Assistant, "Done: **A** is complete."),
            new(ChatRole.User, "show my tasks"),
        ];

        var call = Assert.Single(Calls(await StreamAsync(Client(), history)));
        Assert.Equal("list_tasks()", Describe(call));
        Assert.Equal("offline-2", call.CallId);
    }

    [Fact]
    public async Task A_cancelled_request_does_not_start()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => StreamAsync(Client(), [new ChatMessage(ChatRole.User, "help")], cts.Token));
    }

    [Fact]
    public async Task Cancelling_mid_answer_stops_the_stream()
    {
        using var cts = new CancellationTokenSource();
        var client = Client(chunkDelay: TimeSpan.FromMinutes(5));
        await using var stream = client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "help")], null, cts.Token).GetAsyncEnumerator();

        Assert.True(await stream.MoveNextAsync());
        var next = stream.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }

    [Fact]
    public void Describes_itself_as_the_offline_provider()
    {
        using var client = Client();
        var metadata = Assert.IsType<ChatClientMetadata>(client.GetService(typeof(ChatClientMetadata)));
        Assert.Equal("offline", metadata.ProviderName);
        Assert.Equal("taskchat-offline", metadata.DefaultModelId);
        Assert.Null(client.GetService(typeof(IChatClient)));
    }
}
