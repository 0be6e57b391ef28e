using TaskChat.Core.Data;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Tasks;

/// <summary>Completing a recurring task: the live task moves on, a completed copy records the occurrence, Undo puts both back.</summary>
public abstract class TaskRecurrenceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : TaskRecurrenceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : TaskRecurrenceTests(DatabaseProvider.Postgres);

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    // Saturday 28 March 2026, 09:00 in Berlin (CET); the clocks go forward that night.
    private static readonly DateTime SaturdayNine = new(2026, 3, 28, 8, 0, 0, DateTimeKind.Utc);
    private TestDatabase db = default!;
    private string user = "";

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync(provider: provider);
        user = await db.AddUserAsync("ada@example.com", "Europe/Berlin");
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    private Task<TaskItem> AddDailyAsync(string rule = "FREQ=DAILY") =>
        db.Tasks.CreateAsync(user, new TaskDraft("Water plants", Priority: TaskPriority.High, DueUtc: SaturdayNine, Tags: ["home"], Recurrence: rule));

    [ProviderFact]
    public async Task Completing_moves_the_task_to_the_next_occurrence_in_the_users_zone_and_keeps_a_completed_copy()
    {
        var task = await AddDailyAsync();

        var completion = await db.Tasks.CompleteAsync(user, task.Id);

        var live = await db.Tasks.GetAsync(user, task.Id);
        Assert.Equal(live, completion.Task);
        Assert.False(live.IsCompleted);
        Assert.Equal(new DateTime(2026, 3, 29, 7, 0, 0, DateTimeKind.Utc), live.DueUtc); // 09:00 CEST
        Assert.Equal("FREQ=DAILY", live.Recurrence);

        var history = await db.Tasks.GetAsync(user, completion.HistoryId!.Value);
        Assert.Equal(("Water plants", TaskPriority.High, SaturdayNine), (history.Title, history.Priority, history.DueUtc!.Value));
        Assert.Equal(["home"], history.Tags);
        Assert.True(history.IsCompleted);
        Assert.Equal(TestDatabase.DefaultNow.UtcDateTime, history.CompletedUtc);
        Assert.Null(history.Recurrence);
        Assert.Equal((SaturdayNine, "FREQ=DAILY"), (completion.PreviousDueUtc!.Value, completion.PreviousRecurrence));
    }

    [ProviderFact]
    public async Task Set_completed_on_a_recurring_task_schedules_the_next_one_too()
    {
        var task = await AddDailyAsync();

        var after = await db.Tasks.SetCompletedAsync(user, task.Id, true);

        Assert.Equal((false, SaturdayNine.AddHours(23)), (after.IsCompleted, after.DueUtc!.Value));
        Assert.Equal(2, await db.CountTasksAsync());
    }

    [ProviderFact]
    public async Task Undo_removes_the_copy_and_puts_the_due_and_rule_back()
    {
        var task = await AddDailyAsync("FREQ=DAILY;COUNT=3");
        var completion = await db.Tasks.CompleteAsync(user, task.Id);
        Assert.Equal("FREQ=DAILY;COUNT=2", completion.Task.Recurrence);

        var restored = await db.Tasks.UndoCompletionAsync(user, completion);
        var again = await db.Tasks.UndoCompletionAsync(user, completion); // a second click changes nothing

        Assert.Equal((SaturdayNine, "FREQ=DAILY;COUNT=3", false), (restored.DueUtc!.Value, restored.Recurrence, restored.IsCompleted));
        Assert.Equal(restored, again);
        Assert.Equal(1, await db.CountTasksAsync());
        await Assert.ThrowsAsync<TaskNotFoundException>(() => db.Tasks.GetAsync(user, completion.HistoryId!.Value));
    }

    [ProviderFact]
    public async Task The_last_occurrence_completes_the_task_itself()
    {
        var task = await AddDailyAsync("FREQ=DAILY;COUNT=2");
        var first = await db.Tasks.CompleteAsync(user, task.Id);

        var last = await db.Tasks.CompleteAsync(user, task.Id);

        Assert.True(first.ScheduledNext);
        Assert.False(last.ScheduledNext);
        Assert.True(last.Task.IsCompleted);
        Assert.Equal(SaturdayNine.AddHours(23), last.Task.DueUtc);
        Assert.Equal(2, await db.CountTasksAsync());

        var reopened = await db.Tasks.UndoCompletionAsync(user, last);
        Assert.False(reopened.IsCompleted);
    }

    [ProviderFact]
    public async Task A_rule_after_its_until_completes_the_task_without_a_copy()
    {
        var task = await AddDailyAsync("FREQ=DAILY;UNTIL=20260328");

        var done = await db.Tasks.CompleteAsync(user, task.Id);

        Assert.Null(done.HistoryId);
        Assert.True(done.Task.IsCompleted);
        Assert.Equal(1, await db.CountTasksAsync());
    }

    [ProviderFact]
    public async Task The_rule_is_validated_on_create_and_update()
    {
        var noDue = await Assert.ThrowsAsync<TaskValidationException>(() =>
            db.Tasks.CreateAsync(user, new TaskDraft("Stretch", Recurrence: "FREQ=DAILY")));
        Assert.Equal("A recurring task needs a due date.", noDue.Message);

        var task = await AddDailyAsync();
        var hourly = await Assert.ThrowsAsync<TaskValidationException>(() =>
            db.Tasks.UpdateAsync(user, task.Id, new TaskPatch { Recurrence = "FREQ=HOURLY" }));
        Assert.Contains("FREQ=HOURLY is not supported", hourly.Message);
        var dueRemoved = await Assert.ThrowsAsync<TaskValidationException>(() =>
            db.Tasks.UpdateAsync(user, task.Id, new TaskPatch { DueUtc = null }));
        Assert.Equal("A recurring task needs a due date.", dueRemoved.Message);

        var weekly = await db.Tasks.UpdateAsync(user, task.Id, new TaskPatch { Recurrence = "freq=weekly;byday=sa" });
        Assert.Equal("FREQ=WEEKLY;BYDAY=SA", weekly.Recurrence);
        var stopped = await db.Tasks.UpdateAsync(user, task.Id, new TaskPatch { Recurrence = null });
        Assert.Null(stopped.Recurrence);
    }

    [ProviderFact]
    public async Task A_day_without_a_time_stays_a_day_on_the_next_occurrence()
    {
        var endOfDay = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 3, 28, 23, 59, 0), Berlin);
        var task = await db.Tasks.CreateAsync(user, new TaskDraft("Journal", DueUtc: endOfDay, DueHasTime: false, Recurrence: "FREQ=DAILY"));

        var next = (await db.Tasks.CompleteAsync(user, task.Id)).Task;

        Assert.False(next.DueHasTime);
        Assert.Equal(new DateTime(2026, 3, 29, 23, 59, 0), TimeZoneInfo.ConvertTimeFromUtc(next.DueUtc!.Value, Berlin));
    }

    [ProviderFact]
    public async Task Complete_all_moves_recurring_tasks_on_instead_of_ending_them()
    {
        var task = await AddDailyAsync();
        await db.Tasks.CreateAsync(user, new TaskDraft("One-off"));

        Assert.Equal(2, await db.Tasks.CompleteAllAsync(user));

        var live = await db.Tasks.GetAsync(user, task.Id);
        Assert.Equal((false, SaturdayNine.AddHours(23)), (live.IsCompleted, live.DueUtc!.Value));
        var page = await db.Tasks.QueryAsync(user, new TaskQuery());
        Assert.Equal(["One-off", "Water plants"], page.Items.Where(t => t.IsCompleted).Select(t => t.Title).Order());
    }

    [ProviderFact]
    public async Task A_deleted_recurring_task_comes_back_with_its_rule()
    {
        var task = await AddDailyAsync("FREQ=MONTHLY;BYDAY=-1FR");
        var deleted = await db.Tasks.DeleteAsync(user, task.Id);

        var restored = await db.Tasks.RestoreAsync(user, deleted);

        Assert.Equal(("FREQ=MONTHLY;BYDAY=-1FR", true), (restored.Recurrence, restored.DueHasTime));
    }
}
