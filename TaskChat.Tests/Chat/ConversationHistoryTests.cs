using Microsoft.Extensions.AI;
using TaskChat.Core.Assistant.Runs;
using TaskChat.Core.Chat;
using ChatRole = TaskChat.Core.Chat.ChatRole;

namespace TaskChat.Tests.Chat;

public sealed class ConversationHistoryTests
{
    private static ChatMessageView Message(ChatRole role, string text, params ToolCallView[] calls) =>
        new(1, 1, role, text, MessageStatus.Complete, null, null, null, null, null, DateTime.UtcNow, calls);

    private static ToolCallView Call(string id, int round, int offset, string? result) =>
        new(0, id, "add_task", """{"title":"Milk"}""", result, result is null ? ToolCallStatus.Running : ToolCallStatus.Succeeded, round, offset);

    [Fact]
    public void Each_round_is_replayed_with_its_text_calls_and_results_then_the_final_text()
    {
        var messages = ConversationHistory.ToModelMessages([
            Message(ChatRole.User, "add milk twice"),
            Message(ChatRole.Assistant, "Sure. Done twice.", Call("a", 1, 5, """{"added":{}}"""), Call("b", 2, 5, null)),
        ]);

        Assert.Equal(["user", "assistant", "tool", "assistant", "tool", "assistant"], messages.Select(m => m.Role.Value));
        Assert.Equal("Sure.", messages[1].Text);
        Assert.Equal("a", Assert.Single(messages[1].Contents.OfType<FunctionCallContent>()).CallId);
        Assert.Equal("Milk", Assert.Single(messages[1].Contents.OfType<FunctionCallContent>()).Arguments!["title"]!.ToString());
        Assert.Equal("""{"added":{}}""", Assert.Single(messages[2].Contents.OfType<FunctionResultContent>()).Result);
        // A call that never finished still gets a result: providers require one per call.
        Assert.Equal("""{"error":"This tool call did not finish."}""", Assert.Single(messages[4].Contents.OfType<FunctionResultContent>()).Result);
        Assert.Equal(" Done twice.", messages[5].Text);
    }
}
