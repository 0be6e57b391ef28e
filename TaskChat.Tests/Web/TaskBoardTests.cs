using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;
using TaskChat.Web.Components.Tasks;

namespace TaskChat.Tests.Web;

/// <summary>The dashboard's state class, over real SQLite, without rendering anything.</summary>
public sealed class TaskBoardTests : OneUserDatabaseTest
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private TaskBoard board = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        board = new TaskBoard(Db.Tasks, Db.Clock);
        await board.LoadAsync(User, London);
    }

    private TaskItem Shown(string title) => board.Page.Items.Single(t => t.Title == title);

    [Fact]
    public async Task Adding_shows_the_task_and_a_rejected_title_says_why()
    {
        Assert.True(await board.AddAsync("  Buy milk "));
        Assert.Equal(["Buy milk"], board.Page.Items.Select(t => t.Title));
        Assert.Equal(1, board.Counts.Open);

        Assert.False(await board.AddAsync("   "));
        Assert.Equal("Title is required.", board.Notice);
        Assert.Equal(1, await Db.CountTasksAsync());

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
    public async Task Saving_an_edit_writes_only_what_was_changed_in_it()
    {
        await board.AddAsync("Report");
        var task = Shown("Report");
        var edit = TaskEdit.From(task, board.Zone);
        // Meanwhile, in another tab:
        await Db.Tasks.UpdateAsync(User, task.Id, new TaskPatch { Priority = TaskPriority.High, Tags = new Optional<IEnumerable<string>?>(["work"]) });

        edit.Title = "Quarterly report";
        Assert.Empty(await board.SaveEditAsync(task.Id, edit));

        var saved = await Db.Tasks.GetAsync(User, task.Id);
        Assert.Equal("Quarterly report", saved.Title);
        Assert.Equal(TaskPriority.High, saved.Priority);
        Assert.Equal(["work"], saved.Tags);
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
        Assert.Equal(before, await Db.Tasks.GetAsync(User, before.Id));
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
        await Db.Tasks.DeleteAsync(User, task.Id); // another tab

        await board.SetCompletedAsync(task.Id, true);

        Assert.Equal("That task no longer exists; it may have been deleted in another tab.", board.Notice);
        Assert.Empty(board.Page.Items);
    }

    [Fact]
    public async Task Filters_reset_paging_and_deleting_the_last_item_of_the_last_page_steps_back()
    {
        for (var i = 1; i <= TaskBoard.PageSize + 2; i++)
            await Db.Tasks.CreateAsync(User, new TaskDraft($"Task {i:D2}", Tags: i % 2 == 0 ? ["even"] : []));
        await board.ShowPageAsync(1);
        Assert.Equal(2, board.Page.Items.Count);

        await board.SetFiltersAsync(board.Filters with { Tag = "even" });
        Assert.Equal(0, board.PageIndex);
        Assert.Equal(26, board.Page.TotalCount);

        await board.SetFiltersAsync(new TaskFilters());
        await board.ShowPageAsync(1);
        await board.DeleteAsync(board.Page.Items[0].Id);
        await board.DeleteAsync(board.Page.Items[0].Id);
        Assert.Equal(0, board.PageIndex);
        Assert.Equal(TaskBoard.PageSize, board.Page.Items.Count);

        await board.SetFiltersAsync(board.Filters with { Tag = "even" });
        Assert.Equal(0, board.PageIndex);
        Assert.Equal(25, board.Page.TotalCount);
        Assert.True(board.Filters.IsNarrowed);
        Assert.False((board.Filters with { Tag = null, Sort = TaskSort.Created }).IsNarrowed);
    }
}
