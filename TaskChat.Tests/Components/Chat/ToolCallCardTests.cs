using Bunit;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;
using TaskChat.Core.Tasks;
using TaskChat.Web.Components.Chat;

namespace TaskChat.Tests.Components.Chat;

public sealed class ToolCallCardTests
{
    [Fact]
    public async Task A_finished_call_reads_as_one_line_with_its_status_as_hooks()
    {
        await using var chat = await ChatComponentsContext.CreateAsync();
        await chat.AskAsync("add buy milk tomorrow");
        var call = Assert.Single(chat.Chat.Messages[^1].ToolCalls);

        var cut = chat.Render<ToolCallCard>(p => p.Add(c => c.Call, call));

        var card = cut.Find("[data-testid=tool-call]");
        Assert.Equal("succeeded", card.GetAttribute("data-status"));
        Assert.Equal(ToolNames.AddTask, card.GetAttribute("data-tool"));
        Assert.Equal("Added task Buy milk — due Tomorrow", Normalized(card.TextContent));
        Assert.Empty(cut.FindAll("[data-testid=tool-approval]"));
    }

    [Fact]
    public async Task A_failed_call_says_what_could_not_be_done_and_why()
    {
        await using var chat = await ChatComponentsContext.CreateAsync();
        await chat.AskAsync("add buy milk tomorrow");
        var call = Assert.Single(chat.Chat.Messages[^1].ToolCalls) with { Status = ToolCallStatus.Failed, ResultJson = """{"error":"The title is too long."}""" };

        var cut = chat.Render<ToolCallCard>(p => p.Add(c => c.Call, call));

        var card = cut.Find("[data-testid=tool-call]");
        Assert.Equal("failed", card.GetAttribute("data-status"));
        Assert.Equal("Could not add task Buy milk — The title is too long.", Normalized(card.TextContent));
    }

    [Theory]
    [InlineData(true, 0, ToolCallStatus.Succeeded)]
    [InlineData(false, 1, ToolCallStatus.Declined)]
    public async Task The_approval_card_asks_and_confirm_or_cancel_decides(bool confirm, int tasksLeft, ToolCallStatus outcome)
    {
        await using var chat = await ChatComponentsContext.CreateAsync();
        await chat.Assistant.Db.Tasks.CreateAsync(chat.User, new TaskDraft("Keep me"));
        await chat.Bunit.Renderer.Dispatcher.InvokeAsync(async () => { chat.Chat.Draft = "delete all tasks"; await chat.Chat.SendAsync(); });
        await chat.EventuallyAsync(() => chat.Chat.Live?.ToolCalls is [{ Status: ToolCallStatus.AwaitingApproval }], "the question");

        var cut = chat.Render<ToolCallCard>(p => p.Add(c => c.Call, chat.Chat.Live!.ToolCalls[0]));
        var card = cut.Find("[data-testid=tool-approval]");
        Assert.Contains("Delete all your tasks? This cannot be undone.", card.TextContent);
        Assert.Equal(1, await chat.Assistant.Db.CountTasksAsync()); // nothing happens on the model's word alone

        await cut.Find(confirm ? "[data-testid=tool-approve]" : "[data-testid=tool-decline]").ClickAsync();

        await chat.EventuallyAsync(() => chat.Chat is { Live: null, Messages: [.., { Status: MessageStatus.Complete }] }, "the answer to end");
        Assert.Equal(outcome, Assert.Single(chat.Chat.Messages[^1].ToolCalls).Status);
        Assert.Equal(tasksLeft, await chat.Assistant.Db.CountTasksAsync());
    }

    private static string Normalized(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
