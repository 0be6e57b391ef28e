using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;
using TaskChat.Web.Components.Tasks;

namespace TaskChat.Tests.Web;

/// <summary>The dashboard's state class, over real SQLite, without rendering anything.</summary>
public sealed class TaskBoardTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private TestDatabase db = default!;
    private TaskBoard board = default!;
    private string user = "";

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync();
        user = await db.AddUserAsync("ada@example.com");
        board = new TaskBoard(db.Tasks, db.Clock);
        await board.LoadAsync(user, London);
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    private TaskItem Shown(string title) => board.Page.Items.Single(t => t.Title == title);

    [Fact]
    public async Task Adding_shows_the_task_and_a_rejected_title_says_why()
    {
        Assert.True(await board.AddAsync("  Buy milk "));
        Assert.Equal(["Buy milk"], board.Page.Items.Select(t => t.Title));
        Assert.Equal(1, board.Counts.Open);

        Assert.False(await board.AddAsync("   "));
        Assert.Equal("Title is required.", board.Notice);
        Assert.Equal(1, await db.CountTasksAsync());

        Assert.True(await board.AddAsync("Call mum"));
        Assert.Null(board.Notice);
    }

    [Fact]
    public async Task Saving_the_editor_stores_every_field_with_the_due_time_read_in_the_users_zone()
    {
        await board.AddAsync("Buy milk");
        var id = Shown("Buy milk").Id;
        board.BeginEdit(id);

        var edit = TaskEdit.From(Shown("Buy milk"), board.Zone);
        edit.Description = "Semi-skimmed";
        edit.DueLocal = new DateTime(2030, 5, 17, 9, 30, 0); // BST
        edit.Priority = TaskPriority.High;
        edit.Tags = "Shop, errands, shop";
        Assert.Empty(await board.SaveEditAsync(id, edit));

        var saved = Shown("Buy milk");
        Assert.Equal("Semi-skimmed", saved.Description);
        Assert.Equal(new DateTime(2030, 5, 17, 8, 30, 0, DateTimeKind.Utc), saved.DueUtc);
        Assert.Equal(TaskPriority.High, saved.Priority);
        Assert.Equal(["errands", "shop"], saved.Tags);
        Assert.Null(board.EditingId);
    }

    [Fact]
    public async Task A_rejected_edit_stays_open_with_field_errors_and_changes_nothing()
    {
        await board.AddAsync("Buy milk");
        var before = Shown("Buy milk");
        board.BeginEdit(before.Id);

        var edit = TaskEdit.From(before, board.Zone);
        edit.Title = "";
        var errors = await board.SaveEditAsync(before.Id, edit);

        Assert.Equal(TaskField.Title, Assert.Single(errors).Field);
        Assert.Equal(before.Id, board.EditingId);
        Assert.Equal(before, await db.Tasks.GetAsync(user, before.Id));
    }

    [Fact]
    public async Task Delete_offers_undo_and_undo_restores()
    {
        await board.AddAsync("Book dentist");
        var task = Shown("Book dentist");

        await board.DeleteAsync(task.Id);
        Assert.Empty(board.Page.Items);
        Assert.Equal(task, board.LastDeleted);

        await board.UndoDeleteAsync();
        Assert.Null(board.LastDeleted);
        Assert.Equal(task.Id, Shown("Book dentist").Id);
    }

    [Fact]
    public async Task Acting_on_a_task_deleted_elsewhere_explains_instead_of_failing()
    {
        await board.AddAsync("Shared");
        var task = Shown("Shared");
        await db.Tasks.DeleteAsync(user, task.Id); // another tab

        await board.SetCompletedAsync(task.Id, true);

        Assert.Equal("That task no longer exists; it may have been deleted in another tab.", board.Notice);
        Assert.Empty(board.Page.Items);
    }

    [Fact]
    public async Task Filters_reset_paging_and_deleting_the_last_item_of_the_last_page_steps_back()
    {
        for (var i = 1; i <= TaskBoard.PageSize + 1; i++)
            await db.Tasks.CreateAsync(user, new TaskDraft($"Task {i:D2}", Tags: i % 2 == 0 ? ["even"] : []));
        await board.ShowPageAsync(1);
        Assert.Single(board.Page.Items);

        await board.DeleteAsync(board.Page.Items[0].Id);
        Assert.Equal(0, board.PageIndex);
        Assert.Equal(TaskBoard.PageSize, board.Page.Items.Count);

        await board.ShowPageAsync(0);
        await board.SetFiltersAsync(board.Filters with { Tag = "even" });
        Assert.Equal(0, board.PageIndex);
        Assert.Equal(25, board.Page.TotalCount);
        Assert.True(board.Filters.IsNarrowed);
        Assert.False((board.Filters with { Tag = null, Sort = TaskSort.Created }).IsNarrowed);
    }
}

/// <summary>A database held by another writer past the busy timeout: a plain message, nothing changed, nothing lost.</summary>
public sealed class BusyDatabaseTests
{
    [Fact]
    public async Task Writes_to_a_locked_database_fail_with_a_clear_message_and_change_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(busyTimeoutMs: 200);
        var user = await db.AddUserAsync("ada@example.com");
        var board = new TaskBoard(db.Tasks, db.Clock);
        await board.LoadAsync(user, TimeZoneInfo.Utc);
        await board.AddAsync("Existing");
        var existing = board.Page.Items.Single();

        await using (await db.HoldWriteLockAsync())
        {
            Assert.False(await board.AddAsync("New"));
            Assert.Equal("The database is busy right now; nothing was changed. Try again in a moment.", board.Notice);

            await board.SetCompletedAsync(existing.Id, true);
            Assert.Equal("The database is busy right now; nothing was changed. Try again in a moment.", board.Notice);
            Assert.False(board.Page.Items.Single().IsCompleted); // reads still work while a writer holds the lock
        }

        Assert.True(await board.AddAsync("New"));
        Assert.Null(board.Notice);
        Assert.Equal(2, await db.CountTasksAsync());
    }

    [Fact]
    public async Task The_service_reports_a_busy_database_as_a_typed_error()
    {
        await using var db = await TestDatabase.CreateAsync(busyTimeoutMs: 200);
        var user = await db.AddUserAsync("ada@example.com");

        await using (await db.HoldWriteLockAsync())
            await Assert.ThrowsAsync<TaskChat.Core.Data.StoreBusyException>(() => db.Tasks.CreateAsync(user, new TaskDraft("x")));

        Assert.Equal(0, await db.CountTasksAsync());
    }
}
