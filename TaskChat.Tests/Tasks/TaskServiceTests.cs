using TaskChat.Core.Data;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Tasks;

public abstract class TaskServiceTests(DatabaseProvider provider) : OneUserDatabaseTest(provider)
{
    public sealed class OnSqlite() : TaskServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : TaskServiceTests(DatabaseProvider.Postgres);

    [ProviderFact]
    public async Task Create_stamps_times_and_get_reads_it_back()
    {
        var created = await Db.Tasks.CreateAsync(User, new TaskDraft("Write report", Priority: TaskPriority.High));

        var read = await Db.Tasks.GetAsync(User, created.Id);
        Assert.Equal(created, read);
        Assert.Equal(TestDatabase.DefaultNow.UtcDateTime, read.CreatedUtc);
        Assert.Equal(read.CreatedUtc, read.UpdatedUtc);
        Assert.False(read.IsCompleted);
        Assert.Null(read.CompletedUtc);
    }

    [ProviderFact]
    public async Task Update_changes_only_the_fields_that_are_set()
    {
        var due = new DateTime(2026, 3, 20, 9, 0, 0, DateTimeKind.Utc);
        var task = await Db.Tasks.CreateAsync(User, new TaskDraft("Call mum", "about Sunday", TaskPriority.Low, due, ["family"]));
        Db.Clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await Db.Tasks.UpdateAsync(User, task.Id, new TaskPatch { Priority = TaskPriority.High });

        Assert.Equal(task with { Priority = TaskPriority.High, UpdatedUtc = task.UpdatedUtc.AddMinutes(5) }, updated);
    }

    [ProviderFact]
    public async Task Update_can_clear_the_due_date_and_replace_tags()
    {
        var task = await Db.Tasks.CreateAsync(User, new TaskDraft("Call mum", DueUtc: Db.Clock.GetUtcNow().UtcDateTime, Tags: ["family", "phone"]));

        var updated = await Db.Tasks.UpdateAsync(User, task.Id, new TaskPatch
        {
            DueUtc = null,
            Tags = new Optional<IEnumerable<string>?>(["Phone", "weekend"]),
        });

        Assert.Null(updated.DueUtc);
        Assert.Equal(["phone", "weekend"], updated.Tags);
        Assert.Equal(updated, await Db.Tasks.GetAsync(User, task.Id));
    }

    [ProviderFact]
    public async Task An_update_that_changes_nothing_keeps_the_updated_time()
    {
        var task = await Db.Tasks.CreateAsync(User, new TaskDraft("Same"));
        Db.Clock.Advance(TimeSpan.FromHours(1));

        var updated = await Db.Tasks.UpdateAsync(User, task.Id, new TaskPatch { Title = "  Same " });

        Assert.Equal(task.UpdatedUtc, updated.UpdatedUtc);
    }

    [ProviderFact]
    public async Task Complete_then_reopen()
    {
        var task = await Db.Tasks.CreateAsync(User, new TaskDraft("Dentist"));
        Db.Clock.Advance(TimeSpan.FromHours(2));

        var done = await Db.Tasks.SetCompletedAsync(User, task.Id, true);
        Assert.True(done.IsCompleted);
        Assert.Equal(TestDatabase.DefaultNow.UtcDateTime.AddHours(2), done.CompletedUtc);

        var again = await Db.Tasks.SetCompletedAsync(User, task.Id, true);
        Assert.Equal(done.CompletedUtc, again.CompletedUtc);

        var reopened = await Db.Tasks.SetCompletedAsync(User, task.Id, false);
        Assert.False(reopened.IsCompleted);
        Assert.Null(reopened.CompletedUtc);
    }

    [ProviderFact]
    public async Task Delete_then_restore_brings_the_task_back_as_it_was()
    {
        var task = await Db.Tasks.CreateAsync(User, new TaskDraft("Plan trip", "flights", TaskPriority.High,
            new DateTime(2026, 4, 1, 8, 0, 0, DateTimeKind.Utc), ["travel", "summer"]));
        task = await Db.Tasks.SetCompletedAsync(User, task.Id, true);

        var deleted = await Db.Tasks.DeleteAsync(User, task.Id);
        await Assert.ThrowsAsync<TaskNotFoundException>(() => Db.Tasks.GetAsync(User, task.Id));
        Assert.Equal(0, await Db.CountTasksAsync());

        var restored = await Db.Tasks.RestoreAsync(User, deleted);
        Assert.Equal(task with { UpdatedUtc = restored.UpdatedUtc }, restored);
        Assert.Equal(restored, await Db.Tasks.GetAsync(User, task.Id));

        // A second Undo (a double click) is harmless.
        Assert.Equal(restored, await Db.Tasks.RestoreAsync(User, deleted));
        Assert.Equal(1, await Db.CountTasksAsync());
    }

    [ProviderFact]
    public async Task Ids_of_new_tasks_are_never_those_of_deleted_ones()
    {
        var first = await Db.Tasks.CreateAsync(User, new TaskDraft("first"));
        await Db.Tasks.DeleteAsync(User, first.Id);

        var second = await Db.Tasks.CreateAsync(User, new TaskDraft("second"));

        Assert.NotEqual(first.Id, second.Id); // so Undo can always put the old id back
    }

    [ProviderFact]
    public async Task Unknown_ids_raise_not_found_for_every_operation()
    {
        const int missing = 424242;
        await Assert.ThrowsAsync<TaskNotFoundException>(() => Db.Tasks.GetAsync(User, missing));
        await Assert.ThrowsAsync<TaskNotFoundException>(() => Db.Tasks.UpdateAsync(User, missing, new TaskPatch { Title = "x" }));
        await Assert.ThrowsAsync<TaskNotFoundException>(() => Db.Tasks.SetCompletedAsync(User, missing, true));
        var error = await Assert.ThrowsAsync<TaskNotFoundException>(() => Db.Tasks.DeleteAsync(User, missing));
        Assert.Equal("Task 424242 was not found.", error.Message);
    }

    [ProviderFact]
    public async Task Counts_cover_open_overdue_and_due_today_in_the_users_zone()
    {
        // Now is Wed 11 Mar 2026 15:30 UTC = 11:30 in New York (EDT since 8 March).
        var ny = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var now = TestDatabase.DefaultNow.UtcDateTime;
        await Db.Tasks.CreateAsync(User, new TaskDraft("late", DueUtc: now.AddHours(-1)));
        await Db.Tasks.CreateAsync(User, new TaskDraft("tonight NY", DueUtc: now.AddHours(12))); // 23:30 NY, same day
        await Db.Tasks.CreateAsync(User, new TaskDraft("tomorrow NY", DueUtc: now.AddHours(14))); // 01:30 NY, the next day
        await Db.Tasks.CreateAsync(User, new TaskDraft("undated"));
        var done = await Db.Tasks.CreateAsync(User, new TaskDraft("done late", DueUtc: now.AddDays(-2)));
        await Db.Tasks.SetCompletedAsync(User, done.Id, true);

        // "Due today" and "this week" count from the start of the day, as the dashboard's filters do.
        Assert.Equal(new TaskCounts(Open: 4, Overdue: 1, DueToday: 2, DueThisWeek: 3, High: 0, Medium: 4, Low: 0), await Db.Tasks.CountAsync(User, ny));
        Assert.Equal(new TaskCounts(0, 0, 0, 0, 0, 0, 0), await Db.Tasks.CountAsync(await Db.AddUserAsync("empty@example.com"), ny));
    }
}
