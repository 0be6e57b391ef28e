using Bunit;
using TaskChat.Core.Tasks;
using TaskChat.Web.Components.Tasks;

namespace TaskChat.Tests.Components.Tasks;

public sealed class TaskEditorTests
{
    private static async Task<(TaskComponentContext Ctx, IRenderedComponent<TaskEditor> Editor)> OpenAsync()
    {
        var ctx = await TaskComponentContext.CreateAsync();
        await ctx.AddAsync("Water plants");
        ctx.Board.BeginEdit(ctx.Shown("Water plants").Id);
        return (ctx, ctx.Render<TaskEditor>(p => p.Add(x => x.Task, ctx.Shown("Water plants"))));
    }

    [Fact]
    public async Task Escape_cancels_without_saving()
    {
        var (ctx, editor) = await OpenAsync();
        await using var _ = ctx;

        await editor.Find("input[data-testid=edit-title]").InputAsync(new() { Value = "Something else" });
        await editor.Find("form").KeyDownAsync(Key.Escape);

        Assert.Null(ctx.Board.EditingId);
        Assert.Equal("Water plants", ctx.Board.Page.Items.Single().Title);
    }

    [Fact]
    public async Task Enter_saves_the_fields_that_changed()
    {
        var (ctx, editor) = await OpenAsync();
        await using var _ = ctx;

        await editor.Find("input[data-testid=edit-title]").InputAsync(new() { Value = "Water the plants" });
        var high = editor.FindAll("[data-testid=edit-priority] button").Single(b => b.TextContent.Trim() == "High");
        await high.ClickAsync(new());
        await editor.Find("form").SubmitAsync(); // Enter in a one-line field

        Assert.Null(ctx.Board.EditingId);
        var saved = ctx.Board.Page.Items.Single();
        Assert.Equal(("Water the plants", TaskPriority.High), (saved.Title, saved.Priority));
    }

    [Fact]
    public async Task A_rejected_field_shows_its_error_beside_it_and_the_editor_stays_open()
    {
        var (ctx, editor) = await OpenAsync();
        await using var _ = ctx;

        await editor.Find("input[data-testid=edit-title]").InputAsync(new() { Value = "" });
        await editor.Find("form").SubmitAsync();

        Assert.NotNull(ctx.Board.EditingId);
        Assert.Equal("true", editor.Find("input[data-testid=edit-title]").GetAttribute("aria-invalid"));
        Assert.Contains("Title is required.", editor.Markup);
        Assert.Equal("Water plants", ctx.Board.Page.Items.Single().Title);
    }
}
