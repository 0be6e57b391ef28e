using Bunit;
using TaskChat.Core.Tasks;
using TaskChat.Web.Components.Tasks;

namespace TaskChat.Tests.Components.Tasks;

public sealed class TaskToolbarTests
{
    [Fact]
    public async Task The_status_buttons_narrow_the_list_and_clear_filters_shows_everything_again()
    {
        await using var ctx = await TaskComponentContext.CreateAsync();
        await ctx.AddAsync("Buy milk", "Pay rent");
        await ctx.Board.SetCompletedAsync(ctx.Shown("Pay rent").Id, true);
        var toolbar = ctx.Render<TaskToolbar>();
        Assert.Empty(toolbar.FindAll("[data-testid=clear-filters]"));

        var done = toolbar.FindAll("[data-testid=task-filter] button").Single(b => b.TextContent.Trim() == "Done");
        await done.ClickAsync(new());

        Assert.Equal(TaskStatusFilter.Done, ctx.Board.Filters.Status);
        Assert.Equal(["Pay rent"], ctx.Board.Page.Items.Select(t => t.Title));
        Assert.Equal("true", toolbar.FindAll("[data-testid=task-filter] button").Single(b => b.TextContent.Trim() == "Done").GetAttribute("aria-checked"));

        await toolbar.Find("[data-testid=clear-filters]").ClickAsync(new());
        Assert.Equal(2, ctx.Board.Page.Items.Count);
        Assert.False(ctx.Board.Filters.IsNarrowed);
    }

    [Fact]
    public async Task Search_waits_for_typing_to_settle_then_filters_by_the_text()
    {
        await using var ctx = await TaskComponentContext.CreateAsync();
        await ctx.AddAsync("Buy milk", "Pay rent");
        var toolbar = ctx.Render<TaskToolbar>();

        // The handler waits out the settle on the app's clock, so the event completes only once it moves.
        var typed = toolbar.Find("input[data-testid=task-search]").InputAsync(new() { Value = "MILK" });
        Assert.Equal(2, ctx.Board.Page.Items.Count);

        ctx.Db.Clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.Equal(2, ctx.Board.Page.Items.Count);
        ctx.Db.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await typed.WaitAsync(TimeSpan.FromSeconds(10));
        toolbar.WaitForAssertion(() => Assert.Equal(["Buy milk"], ctx.Board.Page.Items.Select(t => t.Title)));
        Assert.Equal("MILK", ctx.Board.Filters.Text);
    }

    [Fact]
    public async Task Every_filter_is_labelled_on_the_control_itself()
    {
        await using var ctx = await TaskComponentContext.CreateAsync();
        var toolbar = ctx.Render<TaskToolbar>();

        foreach (var (id, label) in new[] { ("task-search", "Search tasks"), ("priority-filter", "Priority"), ("tag-filter", "Tag"), ("due-filter", "Due"), ("task-sort", "Sort by") })
            Assert.Equal(label, toolbar.Find($"input[data-testid={id}]").GetAttribute("aria-label"));
        Assert.Equal("Show", toolbar.Find("[data-testid=task-filter]").GetAttribute("aria-label"));
    }
}
