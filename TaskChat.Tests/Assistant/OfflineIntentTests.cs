using System.Globalization;
using Microsoft.Extensions.AI;
using TaskChat.Core.Assistant.Dates;
using static TaskChat.Tests.Assistant.OfflineHarness;

namespace TaskChat.Tests.Assistant;

/// <summary>
/// What the offline assistant calls on the first round for each phrasing, through the real client.
/// Every date argument is also resolved as the tools will, in London, at the fixed now
/// (Wednesday 11 March 2026, 15:30 UTC).
/// </summary>
public sealed class OfflineIntentTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Theory]
    // Adding
    [InlineData("add buy milk tomorrow", "add_task(due=tomorrow; title=Buy milk)", "due=2026-03-12 23:59")]
    [InlineData("Add buy milk tomorrow at 5pm", "add_task(due=tomorrow at 5pm; title=Buy milk)", "due=2026-03-12 17:00")]
    [InlineData("remind me to call mum on friday at 5pm", "add_task(due=friday at 5pm; title=Call mum)", "due=2026-03-13 17:00")]
    [InlineData("new task: pay rent #home urgent", "add_task(priority=high; tags=[home]; title=Pay rent)", "")]
    [InlineData("create a task to renew passport next month, low priority", "add_task(due=next month; priority=low; title=Renew passport)", "due=2026-04-01 22:59")]
    [InlineData("I need to book the dentist in 3 days", "add_task(due=in 3 days; title=Book the dentist)", "due=2026-03-14 23:59")]
    [InlineData("add call the bank asap", "add_task(priority=high; title=Call the bank)", "")]
    [InlineData("add water the plants tagged home", "add_task(tags=[home]; title=Water the plants)", "")]
    [InlineData("add pay the gas bill by friday, high priority #bills #home", "add_task(due=friday; priority=high; tags=[bills,home]; title=Pay the gas bill)", "due=2026-03-13 23:59")]
    [InlineData("please add renew insurance on 12 March at 5pm", "add_task(due=12 March at 5pm; title=Renew insurance)", "due=2026-03-12 17:00")]
    [InlineData("add submit report 2026-03-20", "add_task(due=2026-03-20; title=Submit report)", "due=2026-03-20 23:59")]
    [InlineData("add \"Meeting on Friday\" notes: bring slides", "add_task(description=bring slides; title=Meeting on Friday)", "")]
    [InlineData("remind me to stretch in 30 minutes", "add_task(due=in 30 minutes; title=Stretch)", "due=2026-03-11 16:00")]
    [InlineData("todo: clean the garage someday", "add_task(priority=low; title=Clean the garage)", "")]
    [InlineData("add buy milk to my shopping list", "add_task(title=Buy milk)", "")]
    [InlineData("don't forget to call Sam tonight", "add_task(due=tonight; title=Call Sam)", "due=2026-03-11 20:00")]
    [InlineData("add pick up parcel at noon", "add_task(due=at noon; title=Pick up parcel)", "due=2026-03-12 12:00")]
    [InlineData("add pay rent on the 1st", "add_task(due=the 1st; title=Pay rent)", "due=2026-04-01 22:59")]
    [InlineData("add team lunch friday 12:30", "add_task(due=friday 12:30; title=Team lunch)", "due=2026-03-13 12:30")]
    [InlineData("Could you add send invoice end of the week with low priority?", "add_task(due=end of the week; priority=low; title=Send invoice)", "due=2026-03-15 23:59")]
    // Listing
    [InlineData("show my tasks", "list_tasks()", "")]
    [InlineData("what's due this week?", "list_tasks(completed=false; due_after=start of today; due_before=start of next week)", "due_after=2026-03-11 00:00; due_before=2026-03-16 00:00")]
    [InlineData("list overdue tasks", "list_tasks(completed=false; due_before=now)", "due_before=2026-03-11 15:30")]
    [InlineData("what do I have today?", "list_tasks(completed=false; due_after=start of today; due_before=start of tomorrow)", "due_after=2026-03-11 00:00; due_before=2026-03-12 00:00")]
    [InlineData("what's due tomorrow?", "list_tasks(completed=false; due_after=start of tomorrow; due_before=tomorrow midnight)", "due_after=2026-03-12 00:00; due_before=2026-03-13 00:00")]
    [InlineData("anything due by friday?", "list_tasks(completed=false; due_before=friday midnight)", "due_before=2026-03-14 00:00")]
    [InlineData("what's due next week", "list_tasks(completed=false; due_after=start of next week; due_before=start of the week after next)", "due_after=2026-03-16 00:00; due_before=2026-03-23 00:00")]
    [InlineData("show high priority tasks", "list_tasks(priority=high)", "")]
    [InlineData("show urgent tasks", "list_tasks(priority=high)", "")]
    [InlineData("tasks tagged work", "list_tasks(tag=work)", "")]
    [InlineData("show my open tasks tagged #work", "list_tasks(completed=false; tag=work)", "")]
    [InlineData("show completed tasks", "list_tasks(completed=true)", "")]
    [InlineData("what's left to do?", "list_tasks(completed=false)", "")]
    [InlineData("find milk", "list_tasks(text=milk)", "")]
    [InlineData("search for dentist", "list_tasks(text=dentist)", "")]
    // Completing: by words the task is looked up first
    [InlineData("mark the dentist one done", "list_tasks(completed=false; text=dentist)", "")]
    [InlineData("complete buy milk", "list_tasks(completed=false; text=buy milk)", "")]
    [InlineData("I finished the report", "list_tasks(completed=false; text=report)", "")]
    [InlineData("tick off milk", "list_tasks(completed=false; text=milk)", "")]
    [InlineData("done: pay rent", "list_tasks(completed=false; text=pay rent)", "")]
    [InlineData("the report is done", "list_tasks(completed=false; text=report)", "")]
    [InlineData("complete task 12", "complete_task(completed=true; task_id=12)", "")]
    [InlineData("mark #7 as done", "complete_task(completed=true; task_id=7)", "")]
    [InlineData("complete tasks 3 and 4", "complete_task(completed=true; task_id=3) | complete_task(completed=true; task_id=4)", "")]
    // Reopening looks among completed tasks
    [InlineData("reopen buy milk", "list_tasks(completed=true; text=buy milk)", "")]
    [InlineData("mark milk as not done", "list_tasks(completed=true; text=milk)", "")]
    [InlineData("reopen task 5", "complete_task(completed=false; task_id=5)", "")]
    // Renaming, moving, reprioritising
    [InlineData("rename milk to buy oat milk", "list_tasks(completed=false; text=milk)", "")]
    [InlineData("rename 'milk' to 'oat milk'", "list_tasks(completed=false; text=milk)", "")]
    [InlineData("rename task 4 to buy oat milk", "update_task(task_id=4; title=Buy oat milk)", "")]
    [InlineData("change the title of task 9 to Call the plumber", "update_task(task_id=9; title=Call the plumber)", "")]
    [InlineData("move the dentist to friday", "list_tasks(completed=false; text=dentist)", "")]
    [InlineData("postpone task 3 to next week", "update_task(due=next week; task_id=3)", "due=2026-03-16 23:59")]
    [InlineData("change the due date of task 8 to tomorrow 5pm", "update_task(due=tomorrow 5pm; task_id=8)", "due=2026-03-12 17:00")]
    [InlineData("push #2 back to monday at 9am", "update_task(due=monday at 9am; task_id=2)", "due=2026-03-16 09:00")]
    [InlineData("make task 6 high priority", "update_task(priority=high; task_id=6)", "")]
    [InlineData("set priority of task 6 to low", "update_task(priority=low; task_id=6)", "")]
    [InlineData("make the report high priority", "list_tasks(completed=false; text=report)", "")]
    // Deleting
    [InlineData("delete the milk task", "list_tasks(completed=false; text=milk)", "")]
    [InlineData("remove buy milk", "list_tasks(completed=false; text=buy milk)", "")]
    [InlineData("delete task 15", "delete_task(task_id=15)", "")]
    // Summary and the whole list
    [InlineData("summarize my tasks", "summarize_tasks()", "")]
    [InlineData("how am I doing?", "summarize_tasks()", "")]
    [InlineData("give me an overview", "summarize_tasks()", "")]
    [InlineData("complete all tasks", "complete_all_tasks()", "")]
    [InlineData("mark everything done", "complete_all_tasks()", "")]
    [InlineData("delete all tasks", "delete_all_tasks()", "")]
    [InlineData("clear my list", "delete_all_tasks()", "")]
    public async Task First_round_calls(string phrasing, string expectedCalls, string expectedDates)
    {
        var updates = await StreamAsync(Client(), [new ChatMessage(ChatRole.User, phrasing)]);

        var calls = Calls(updates);
        Assert.Equal(expectedCalls, string.Join(" | ", calls.Select(Describe)));
        var update = Assert.Single(updates);
        Assert.Equal(ChatRole.Assistant, update.Role);
        Assert.Equal(ChatFinishReason.ToolCalls, update.FinishReason);
        Assert.Equal(calls.Count, calls.Select(c => c.CallId).Distinct().Count());

        var dates = calls
            .SelectMany(c => c.Arguments!)
            .Where(a => a.Key is "due" or "due_before" or "due_after")
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => $"{a.Key}={Resolve((string)a.Value!)}");
        Assert.Equal(expectedDates, string.Join("; ", dates));
    }

    [Theory]
    [InlineData("hi", "Hello!")]
    [InlineData("Hello there!", "Hello!")]
    [InlineData("what can you do?", "I can add, find, change")]
    [InlineData("help", "I can add, find, change")]
    [InlineData("banana bread recipe", "I can add, find, change")]
    [InlineData("tell me a joke", "I can add, find, change")]
    [InlineData("what's the weather like?", "I can add, find, change")]
    [InlineData("", "I can add, find, change")]
    [InlineData("add", "I can add, find, change")]
    [InlineData("thanks!", "Glad to help")]
    public async Task Small_talk_and_the_unknown_get_a_text_answer(string phrasing, string expectedStart)
    {
        var updates = await StreamAsync(Client(), [new ChatMessage(ChatRole.User, phrasing)]);

        Assert.Empty(Calls(updates));
        var text = Text(updates);
        Assert.StartsWith(expectedStart, text);
        if (expectedStart != "Glad to help")
        {
            Assert.Contains("\"add buy milk tomorrow at 5pm #errands\"", text);
            Assert.Contains("\"what's due this week?\"", text);
        }
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
    }

    [Fact]
    public async Task A_change_without_a_task_asks_which()
    {
        var updates = await StreamAsync(Client(), [new ChatMessage(ChatRole.User, "mark it done")]);
        Assert.Empty(Calls(updates));
        Assert.StartsWith("Which task do you mean?", Text(updates));
    }

    private static string Resolve(string phrase)
    {
        Assert.True(DuePhrase.TryResolve(phrase, Now, London, out var due), $"'{phrase}' does not resolve");
        return due.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
