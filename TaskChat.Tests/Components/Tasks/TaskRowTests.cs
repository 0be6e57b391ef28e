using Bunit;
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
}
