using Bunit;
using TaskChat.Core.Tasks;
using TaskChat.Web.Components.Tasks;

namespace TaskChat.Tests.Components.Tasks;

public sealed class TaskRowTests
{
    [Fact]
    public async Task Ticking_the_box_completes_the_task_and_unticking_reopens_it()
    {
        await using var ctx = await TaskComponentContext.CreateAsync();
        await ctx.AddAsync("Buy milk");
        var row = ctx.Render<TaskRow>(p => p.Add(x => x.Task, ctx.Shown("Buy milk")));
        Assert.Equal("false", row.Find("[data-testid=task-row]").GetAttribute("data-done"));

        await row.Find("input[data-testid=task-done-toggle]").ChangeAsync(new() { Value = true });
        Assert.True(ctx.Shown("Buy milk").IsCompleted);
        row.Render(p => p.Add(x => x.Task, ctx.Shown("Buy milk")));
        Assert.Equal("true", row.Find("[data-testid=task-row]").GetAttribute("data-done"));
        Assert.Contains("done", row.Find("[data-testid=task-row]").ClassList);

        await row.Find("input[data-testid=task-done-toggle]").ChangeAsync(new() { Value = false });
        Assert.False(ctx.Shown("Buy milk").IsCompleted);
    }

    [Fact]
    public async Task Edit_opens_the_inline_editor_in_the_row()
    {
        await using var ctx = await TaskComponentContext.CreateAsync();
        await ctx.AddAsync("Buy milk");
        var row = ctx.Render<TaskRow>(p => p.Add(x => x.Task, ctx.Shown("Buy milk")));

        await row.Find("[data-testid=task-edit]").ClickAsync(new());

        Assert.Equal(ctx.Shown("Buy milk").Id, ctx.Board.EditingId);
        Assert.Equal("Buy milk", row.Find("input[data-testid=edit-title]").GetAttribute("value"));
        Assert.Empty(row.FindAll("[data-testid=task-done-toggle]"));
    }

    [Fact]
    public async Task Delete_removes_the_task_and_the_snackbars_Undo_brings_it_back()
    {
        await using var ctx = await TaskComponentContext.CreateAsync();
        await ctx.AddAsync("Buy milk", "Call mum");
        var row = ctx.Render<TaskRow>(p => p.Add(x => x.Task, ctx.Shown("Buy milk")));
        var undo = ctx.Render<UndoToast>();

        await row.Find("[data-testid=task-delete]").ClickAsync(new());

        Assert.Equal(["Call mum"], ctx.Board.Page.Items.Select(t => t.Title));
        ctx.Snackbars.WaitForAssertion(() => Assert.Contains("Deleted “Buy milk”", ctx.Snackbars.Find("[data-testid=undo-toast]").TextContent));

        await ctx.Snackbars.Find("[data-testid=undo-delete]").ClickAsync(new());

        Assert.Equal(["Buy milk", "Call mum"], ctx.Board.Page.Items.Select(t => t.Title).Order());
        Assert.Null(ctx.Board.LastDeleted);
        ctx.Snackbars.WaitForAssertion(() => Assert.Empty(ctx.Snackbars.FindAll("[data-testid=undo-toast]")));
        Assert.NotNull(undo.Instance);
    }

    [Fact]
    public async Task A_recurring_task_shows_a_repeat_mark_and_its_rule_in_words_and_a_day_only_due_shows_the_day()
    {
        await using var ctx = await TaskComponentContext.CreateAsync();
        var tomorrowEnd = new DateTime(2026, 3, 12, 23, 59, 0, DateTimeKind.Utc); // London is on GMT
        await ctx.Db.Tasks.CreateAsync(ctx.User, new TaskDraft("Pay rent", DueUtc: tomorrowEnd.AddHours(-14), DueHasTime: true, Recurrence: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"));
        await ctx.Db.Tasks.CreateAsync(ctx.User, new TaskDraft("Journal", DueUtc: tomorrowEnd, DueHasTime: false));
        await ctx.Board.ReloadAsync();

        var rent = ctx.Render<TaskRow>(p => p.Add(x => x.Task, ctx.Shown("Pay rent")));
        var journal = ctx.Render<TaskRow>(p => p.Add(x => x.Task, ctx.Shown("Journal")));

        Assert.Equal("every 2 weeks on Thu", rent.Find("[data-testid=task-repeat]").TextContent);
        Assert.Equal("Repeats", rent.Find(".task-repeat [aria-label]").GetAttribute("aria-label"));
        Assert.EndsWith("Tomorrow 09:59", rent.Find("[data-testid=task-due]").TextContent.Trim());
        Assert.EndsWith("Tomorrow", journal.Find("[data-testid=task-due]").TextContent.Trim());
        Assert.Empty(journal.FindAll("[data-testid=task-repeat]"));
    }

    [Fact]
    public async Task Completing_a_recurring_task_moves_it_on_and_the_snackbars_Undo_restores_both()
    {
        await using var ctx = await TaskComponentContext.CreateAsync();
        var due = new DateTime(2026, 3, 12, 9, 0, 0, DateTimeKind.Utc);
        await ctx.Db.Tasks.CreateAsync(ctx.User, new TaskDraft("Water plants", DueUtc: due, Recurrence: "FREQ=DAILY"));
        await ctx.Board.ReloadAsync();
        var row = ctx.Render<TaskRow>(p => p.Add(x => x.Task, ctx.Shown("Water plants")));
        ctx.Render<UndoToast>();

        await row.Find("input[data-testid=task-done-toggle]").ChangeAsync(new() { Value = true });

        var live = ctx.Board.Page.Items.Single(t => !t.IsCompleted);
        Assert.Equal(due.AddDays(1), live.DueUtc);
        Assert.Equal(due, ctx.Board.Page.Items.Single(t => t.IsCompleted).DueUtc);
        ctx.Snackbars.WaitForAssertion(() => Assert.Contains("Completed “Water plants”, next Fri 09:00", ctx.Snackbars.Find("[data-testid=undo-toast]").TextContent));

        await ctx.Snackbars.Find("[data-testid=undo-complete]").ClickAsync(new());

        var back = Assert.Single(ctx.Board.Page.Items);
        Assert.Equal((due, false, "FREQ=DAILY"), (back.DueUtc!.Value, back.IsCompleted, back.Recurrence));
        Assert.Null(ctx.Board.LastCompletion);
        ctx.Snackbars.WaitForAssertion(() => Assert.Empty(ctx.Snackbars.FindAll("[data-testid=undo-toast]")));
    }

    [Fact]
    public async Task The_board_adds_a_draft_with_a_repeat_rule_and_refuses_one_without_a_due()
    {
        await using var ctx = await TaskComponentContext.CreateAsync();

        Assert.False(await ctx.Board.AddAsync(new TaskDraft("Stretch", Recurrence: "FREQ=DAILY")));
        Assert.Equal("A recurring task needs a due date.", ctx.Board.Notice);

        Assert.True(await ctx.Board.AddAsync(new TaskDraft("Stretch", DueUtc: new DateTime(2026, 3, 12, 7, 0, 0, DateTimeKind.Utc), Recurrence: "FREQ=DAILY")));
        Assert.Equal("FREQ=DAILY", ctx.Shown("Stretch").Recurrence);
    }
}
