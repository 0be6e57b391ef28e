using Bunit;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using TaskChat.Web.Components.Chat;

namespace TaskChat.Tests.Components.Chat;

public sealed class ThreadListTests
{
    [Fact]
    public async Task Threads_are_listed_with_their_hooks_and_the_open_one_is_active()
    {
        await using var chat = await ChatComponentsContext.CreateAsync();
        var older = await chat.AskAsync("add buy milk tomorrow");
        await chat.AskAsync("summarize my tasks");

        var cut = chat.Render<ThreadList>();

        var items = cut.FindAll("[data-testid=thread-item]");
        Assert.Equal(["summarize my tasks", "add buy milk tomorrow"], items.Select(i => i.QuerySelector(".thread-open")!.TextContent));
        Assert.Equal(["true", "false"], items.Select(i => i.GetAttribute("data-active")));
        Assert.Equal(older.ToString(), items[1].GetAttribute("data-thread-id"));
        Assert.Equal("BUTTON", cut.Find("[data-testid=new-thread]").TagName);
    }

    [Fact]
    public async Task Rename_saves_the_new_title_and_escape_leaves_it_unchanged()
    {
        await using var chat = await ChatComponentsContext.CreateAsync();
        await chat.AskAsync("add buy milk tomorrow");
        var cut = chat.Render<ThreadList>();

        await cut.Find("[data-testid=thread-rename]").ClickAsync();
        var input = cut.Find("input[data-testid=thread-rename-input]");
        Assert.Equal("add buy milk tomorrow", input.GetAttribute("value"));
        input.Input("Shopping");
        await cut.Find("form.thread-rename").SubmitAsync();

        Assert.Equal("Shopping", Assert.Single(await chat.Assistant.Threads.ListAsync(chat.User)).Title);
        Assert.Equal("Shopping", cut.Find("[data-testid=thread-item] .thread-open").TextContent);

        await cut.Find("[data-testid=thread-rename]").ClickAsync();
        cut.Find("input[data-testid=thread-rename-input]").Input("Not this");
        await cut.Find("form.thread-rename").KeyDownAsync(new KeyboardEventArgs { Key = "Escape" });

        Assert.Empty(cut.FindAll("[data-testid=thread-rename-input]"));
        Assert.Equal("Shopping", Assert.Single(await chat.Assistant.Threads.ListAsync(chat.User)).Title);
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public async Task Delete_asks_in_a_dialog_first_and_only_confirm_deletes(bool confirm, int threadsLeft)
    {
        await using var chat = await ChatComponentsContext.CreateAsync();
        await chat.AskAsync("add buy milk tomorrow");
        var dialogs = chat.Bunit.Render<MudDialogProvider>();
        var cut = chat.Render<ThreadList>();

        // The click's handler awaits the dialog's answer, so it completes only after the answer.
        var clicked = cut.Find("[data-testid=thread-delete]").ClickAsync();

        dialogs.WaitForAssertion(() => Assert.Contains("“add buy milk tomorrow” and all its messages will be deleted", dialogs.Find("[data-testid=thread-delete-dialog]").TextContent));
        Assert.Single(await chat.Assistant.Threads.ListAsync(chat.User)); // nothing deleted yet
        await dialogs.Find(confirm ? "[data-testid=thread-delete-confirm]" : "[data-testid=thread-delete-cancel]").ClickAsync();

        await clicked.WaitAsync(TimeSpan.FromSeconds(10));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=thread-delete-dialog]")));
        await chat.EventuallyAsync(() => chat.Chat.Threads.Count == threadsLeft, $"{threadsLeft} threads");
        Assert.Equal(threadsLeft, (await chat.Assistant.Threads.ListAsync(chat.User)).Count);
    }
}
