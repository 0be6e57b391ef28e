using System.Text.Json;
using Microsoft.Extensions.AI;
using TaskChat.Core.Chat;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>
/// Turns stored messages back into the exchange the model had: for each model round, its text and
/// tool calls, then the tool results; then the final text. Providers require every tool call to be
/// followed by its result, so a call that never finished gets an explicit "did not run" result.
/// Provider data such as Gemini's thought signatures is not stored: only the answer that received it
/// must send it back, and the function-calling loop keeps it in memory for that answer (see <see cref="AnswerPipeline"/>).
/// </summary>
public static class ConversationHistory
{
    private const string NotRun = """{"error":"This tool call did not finish."}""";

    public static List<AiChatMessage> ToModelMessages(IEnumerable<ChatMessageView> stored)
    {
        var messages = new List<AiChatMessage>();
        foreach (var message in stored)
        {
            if (message.Role == Chat.ChatRole.User)
                messages.Add(new AiChatMessage(AiChatRole.User, message.Text));
            else if (message.Role == Chat.ChatRole.Assistant)
                AddAnswer(messages, message);
        }
        return messages;
    }

    private static void AddAnswer(List<AiChatMessage> messages, ChatMessageView answer)
    {
        var consumed = 0;
        foreach (var round in answer.ToolCalls.GroupBy(c => c.Round).OrderBy(g => g.Key))
        {
            var upTo = Math.Clamp(round.Min(c => c.TextOffset), consumed, answer.Text.Length);
            var contents = new List<AIContent>();
            if (upTo > consumed) contents.Add(new TextContent(answer.Text[consumed..upTo]));
            consumed = upTo;
            contents.AddRange(round.Select(c => new FunctionCallContent(c.CallId, c.Name, Arguments(c.ArgumentsJson))));
            messages.Add(new AiChatMessage(AiChatRole.Assistant, contents));
            messages.Add(new AiChatMessage(AiChatRole.Tool,
                round.Select(c => (AIContent)new FunctionResultContent(c.CallId, c.ResultJson ?? NotRun)).ToList()));
        }
        if (answer.Text.Length > consumed)
            messages.Add(new AiChatMessage(AiChatRole.Assistant, answer.Text[consumed..]));
    }

    private static Dictionary<string, object?> Arguments(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, object?>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
