using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Tasks;

public sealed class TaskServiceTests : IAsyncLifetime
{
    private TestDatabase db = default!;
    private string user = "";

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync();
        user = await db.AddUserAsync("ada@example.com");
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task Create_stamps_times_and_get_reads_it_back()
    {
        var created = await db.Tasks.CreateAsync(user, new TaskDraft("Write report", Priority: TaskPriority.High));

        var read = await db.Tasks.GetAsync(user, created.Id);
        Assert.Equal(created, read);
        Assert.Equal(TestDatabase.DefaultNow.UtcDateTime, read.CreatedUtc);
        Assert.Equal(read.CreatedUtc, read.UpdatedUtc);
        Assert.False(read.IsCompleted);
        Assert.Null(read.CompletedUtc);
    }

    [Fact]
    public async Task Update_changes_only_the_fields_that_are_set()
    {
        var due = new DateTime(2026, 3, 20, 9, 0, 0, DateTimeKind.Utc);
        var task = await db.Tasks.CreateAsync(user, new TaskDraft("Call mum", "about Sunday", TaskPriority.Low, due, ["family"]));
        db.Clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await db.Tasks.UpdateAsync(user, task.Id, new TaskPatch { Priority = TaskPriority.High });

        Assert.Equal(task with { Priority = TaskPriority.High, UpdatedUtc = task.UpdatedUtc.AddMinutes(5) }, updated);
    }

    [Fact]
    public async Task Update_can_clear_the_due_date_and_replace_tags()
    {
        var task = await db.Tasks.CreateAsync(user, new TaskDraft("Call mum", DueUtc: DateTime.UtcNow, Tags: ["family", "phone"]));

        var updated = await db.Tasks.UpdateAsync(user, task.Id, new TaskPatch
        {
            DueUtc = null,
            Tags = new Optional<IEnumerable<string>?>(["Phone", "weekend"]),
        });

        Assert.Null(updated.DueUtc);
        Assert.Equal(["phone", "weekend"], updated.Tags);
        Assert.Equal(updated, await db.Tasks.GetAsync(user, task.Id));
    }

    [Fact]
    public async Task An_update_that_changes_nothing_keeps_the_updated_time()
    {
        var task = await db.Tasks.CreateAsync(user, new TaskDraft("Same"));
        db.Clock.Advance(TimeSpan.FromHours(1));

        var updated = await db.Tasks.UpdateAsync(user, task.Id, new TaskPatch { Title = "  Same " });

        Assert.Equal(task.UpdatedUtc, updated.UpdatedUtc);
    }

    [Fact]
    public async Task Complete_then_reopen()
    {
        var task = await db.Tasks.CreateAsync(user, new TaskDraft("Dentist"));
        db.Clock.Advance(TimeSpan.FromHours(2));

        var done = await db.Tasks.SetCompletedAsync(user, task.Id, true);
        Assert.True(done.IsCompleted);
        Assert.Equal(TestDatabase.DefaultNow.UtcDateTime.AddHours(2), done.CompletedUtc);

        var again = await db.Tasks.SetCompletedAsync(user, task.Id, true);
        Assert.Equal(done.CompletedUtc, again.CompletedUtc);

        var reopened = await db.Tasks.SetCompletedAsync(user, task.Id, false);
        Assert.False(reopened.IsCompleted);
        Assert.Null(reopened.CompletedUtc);
    }

    [Fact]
    public async Task Delete_then_restore_brings_the_task_back_as_it_was()
    {
        var task = await db.Tasks.CreateAsync(user, new TaskDraft("Plan trip", "flights", TaskPriority.High,
            new DateTime(2026, 4, 1, 8, 0, 0, DateTimeKind.Utc), ["travel", "summer"]));
        task = await db.Tasks.SetCompletedAsync(user, task.Id, true);

        var deleted = await db.Tasks.DeleteAsync(user, task.Id);
        await Assert.ThrowsAsync<TaskNotFoundException>(() => db.Tasks.GetAsync(user, task.Id));
        Assert.Equal(0, await db.CountTasksAsync());

        var restored = await db.Tasks.RestoreAsync(user, deleted);
        Assert.Equal(task with { UpdatedUtc = restored.UpdatedUtc }, restored);
        Assert.Equal(restored, await db.Tasks.GetAsync(user, task.Id));

        // A second Undo (a double click) is harmless.
        Assert.Equal(restored, await db.Tasks.RestoreAsync(user, deleted));
        Assert.Equal(1, await db.CountTasksAsync());
    }

    [Fact]
    public async Task Ids_of_new_tasks_are_never_those_of_deleted_ones()
    {
        var first = await db.Tasks.CreateAsync(user, new TaskDraft("first"));
        await db.Tasks.DeleteAsync(user, first.Id);

        var second = await db.Tasks.CreateAsync(user, new TaskDraft("second"));

        Assert.NotEqual(first.Id, second.Id); // so Undo can always put the old id back
    }

    [Fact]
    public async Task Unknown_ids_raise_not_found_for_every_operation()
    {
        const int missing = 424242;
        await Assert.ThrowsAsync<TaskNotFoundException>(() => db.Tasks.GetAsync(user, missing));
        await Assert.ThrowsAsync<TaskNotFoundException>(() => db.Tasks.UpdateAsync(user, missing, new TaskPatch { Title = "x" }));
        await Assert.ThrowsAsync<TaskNotFoundException>(() => db.Tasks.SetCompletedAsync(user, missing, true));
        var error = await Assert.ThrowsAsync<TaskNotFoundException>(() => db.Tasks.DeleteAsync(user, missing));
        Assert.Equal("Task 424242 was not found.", error.Message);
    }

    [Fact]
    public async Task Counts_cover_open_overdue_and_due_today_in_the_users_zone()
    {
        // Now is Wed 11 Mar 2026 15:30 UTC = 11:30 in New York (EDT since 8 March).
        var ny = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var now = TestDatabase.DefaultNow.UtcDateTime;
        await db.Tasks.CreateAsync(user, new TaskDraft("late", DueUtc: now.AddHours(-1)));
        await db.Tasks.CreateAsync(user, new TaskDraft("tonight NY", DueUtc: now.AddHours(12))); // 23:30 NY, same day
        await db.Tasks.CreateAsync(user, new TaskDraft("tomorrow NY", DueUtc: now.AddHours(14))); // 01:30 NY, the next day
        await db.Tasks.CreateAsync(user, new TaskDraft("undated"));
        var done = await db.Tasks.CreateAsync(user, new TaskDraft("done late", DueUtc: now.AddDays(-2)));
        await db.Tasks.SetCompletedAsync(user, done.Id, true);

        Assert.Equal(new TaskCounts(Open: 4, Overdue: 1, DueToday: 1), await db.Tasks.CountAsync(user, ny));
        Assert.Equal(new TaskCounts(0, 0, 0), await db.Tasks.CountAsync(await db.AddUserAsync("empty@example.com"), ny));
    }
}
