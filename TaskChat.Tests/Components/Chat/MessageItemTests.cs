using Bunit;
using TaskChat.Core.Chat;
using TaskChat.Web.Components.Chat;

namespace TaskChat.Tests.Components.Chat;

public sealed class MessageItemTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_answer_being_written_is_the_streaming_bubble_and_stop_keeps_it_as_stopped()
    {
        await using var chat = await ChatComponentsContext.CreateAsync();
        var cut = chat.Render<ChatPanel>();

        // "delete all tasks" waits for the user's confirmation: an answer that stays in progress.
        cut.Find("textarea").Input("delete all tasks");
        await cut.Find("form.chat-input").SubmitAsync();

        var answer = () => cut.Find("[data-testid=message][data-role=assistant]");
        cut.WaitForAssertion(() => Assert.NotNull(answer().QuerySelector("[data-testid=tool-approval]")), Wait);
        Assert.Equal("streaming", answer().GetAttribute("data-status"));
        Assert.Equal("true", answer().GetAttribute("aria-busy"));
        Assert.Empty(answer().QuerySelectorAll("[data-testid=chat-error]"));

        await cut.Find("[data-testid=chat-stop]").ClickAsync();

        cut.WaitForAssertion(() => Assert.Equal("stopped", answer().GetAttribute("data-status")), Wait);
        Assert.Contains("Stopped. The answer so far is kept.", answer().QuerySelector("[data-testid=chat-error]")!.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=chat-stop]"));
    }

    [Theory]
    [InlineData(MessageStatus.Failed, "The model is overloaded", "The model is overloaded")]
    [InlineData(MessageStatus.Interrupted, null, "This answer was interrupted.")]
    public async Task A_failed_or_interrupted_last_answer_says_why_and_retry_answers_again(MessageStatus status, string? error, string shown)
    {
        await using var chat = await ChatComponentsContext.CreateAsync();
        await chat.AskAsync("add buy milk tomorrow");
        var last = chat.Chat.Messages[^1] with { Status = status, Error = error };
        var cut = chat.Render<MessageItem>(p => p.Add(m => m.Message, last).Add(m => m.IsLastAnswer, true));

        Assert.Equal(status.Hook(), cut.Find("[data-testid=message]").GetAttribute("data-status"));
        Assert.Contains(shown, cut.Find("[data-testid=chat-error]").TextContent);
        Assert.Equal("alert", cut.Find("[data-testid=chat-error]").GetAttribute("role"));
        await cut.Find("[data-testid=chat-retry]").ClickAsync();

        await chat.EventuallyAsync(() => chat.Chat.Messages[^1] is { Status: MessageStatus.Complete } answer && answer.Id != last.Id, "a new, complete answer");
        Assert.Equal(2, chat.Chat.Messages.Count); // the failed answer was replaced, not added to
        Assert.Contains("Buy milk", chat.Chat.Messages[^1].Text);
    }

    [Fact]
    public async Task Only_the_last_answer_offers_retry()
    {
        await using var chat = await ChatComponentsContext.CreateAsync();
        await chat.AskAsync("add buy milk tomorrow");
        var failed = chat.Chat.Messages[^1] with { Status = MessageStatus.Failed, Error = "Timed out" };

        var cut = chat.Render<MessageItem>(p => p.Add(m => m.Message, failed).Add(m => m.IsLastAnswer, false));

        Assert.Contains("Timed out", cut.Find("[data-testid=chat-error]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=chat-retry]"));
    }
}
