using TaskChat.Core.Data;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;
using TaskChat.Web.Components.Tasks;

namespace TaskChat.Tests.Web;

/// <summary>A database held by another writer past the busy timeout: a plain message, nothing changed, nothing lost.</summary>
public abstract class BusyDatabaseTests(DatabaseProvider provider)
{
    public sealed class OnSqlite() : BusyDatabaseTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : BusyDatabaseTests(DatabaseProvider.Postgres);

    [ProviderFact]
    public async Task Writes_to_a_locked_database_fail_with_a_clear_message_and_change_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(busyTimeoutMs: 200, provider: provider);
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

    [ProviderFact]
    public async Task A_busy_database_keeps_the_editor_open_and_undo_on_offer()
    {
        await using var db = await TestDatabase.CreateAsync(busyTimeoutMs: 200, provider: provider);
        var user = await db.AddUserAsync("ada@example.com");
        var board = new TaskBoard(db.Tasks, db.Clock);
        await board.LoadAsync(user, TimeZoneInfo.Utc);
        await board.AddAsync("Keep me");
        await board.AddAsync("Delete me");
        var keep = board.Page.Items.Single(t => t.Title == "Keep me");
        await board.DeleteAsync(board.Page.Items.Single(t => t.Title == "Delete me").Id);

        board.BeginEdit(keep.Id);
        var edit = TaskEdit.From(keep, board.Zone);
        edit.Title = "Typed but not yet saved";
        await using (await db.HoldWriteLockAsync())
        {
            Assert.Empty(await board.SaveEditAsync(keep.Id, edit));
            Assert.Equal(keep.Id, board.EditingId); // still open, with what was typed
            await board.UndoDeleteAsync();
            Assert.NotNull(board.LastDeleted);       // Undo still offered
        }

        Assert.Empty(await board.SaveEditAsync(keep.Id, edit));
        await board.UndoDeleteAsync();
        Assert.Null(board.EditingId);
        Assert.Equal(["Delete me", "Typed but not yet saved"], board.Page.Items.Select(t => t.Title).Order());
    }

    [ProviderFact]
    public async Task The_service_reports_a_busy_database_as_a_typed_error()
    {
        await using var db = await TestDatabase.CreateAsync(busyTimeoutMs: 200, provider: provider);
        var user = await db.AddUserAsync("ada@example.com");

        await using (await db.HoldWriteLockAsync())
            await Assert.ThrowsAsync<StoreBusyException>(() => db.Tasks.CreateAsync(user, new TaskDraft("x")));

        Assert.Equal(0, await db.CountTasksAsync());
    }
}
