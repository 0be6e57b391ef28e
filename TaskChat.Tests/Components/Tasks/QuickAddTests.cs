using Bunit;
using TaskChat.Web.Components.Tasks;

namespace TaskChat.Tests.Components.Tasks;

public sealed class QuickAddTests
{
    [Fact]
    public async Task Enter_adds_the_typed_title_and_empties_the_box()
    {
        await using var ctx = await TaskComponentContext.CreateAsync();
        var quickAdd = ctx.Render<QuickAdd>();

        await quickAdd.Find("input[data-testid=new-task-input]").InputAsync(new() { Value = "Buy milk" });
        await quickAdd.Find("form").SubmitAsync(); // what Enter in the box does

        Assert.Equal(["Buy milk"], ctx.Board.Page.Items.Select(t => t.Title));
        quickAdd.WaitForAssertion(() => Assert.Equal("", quickAdd.Find("input[data-testid=new-task-input]").GetAttribute("value")));
        Assert.Empty(quickAdd.FindAll("[data-testid=task-notice]"));
    }

    [Fact]
    public async Task An_empty_title_is_refused_with_the_reason_which_can_be_dismissed()
    {
        await using var ctx = await TaskComponentContext.CreateAsync();
        var quickAdd = ctx.Render<QuickAdd>();

        await quickAdd.Find("form").SubmitAsync();

        Assert.Equal("Title is required.", quickAdd.Find("[data-testid=task-notice] .task-notice-text").TextContent);
        Assert.Equal("alert", quickAdd.Find("[data-testid=task-notice]").GetAttribute("role"));
        Assert.Empty(ctx.Board.Page.Items);

        await quickAdd.Find("[data-testid=task-notice] button").ClickAsync(new());
        Assert.Empty(quickAdd.FindAll("[data-testid=task-notice]"));
    }
}
