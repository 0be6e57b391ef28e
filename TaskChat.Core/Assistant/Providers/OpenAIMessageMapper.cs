using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using OpenAIChatMessage = OpenAI.Chat.ChatMessage;

namespace TaskChat.Core.Assistant.Providers;

/// <summary>Turns a Microsoft.Extensions.AI conversation into the OpenAI SDK's messages.</summary>
internal static class OpenAIMessageMapper
{
    public static List<OpenAIChatMessage> ToOpenAI(IEnumerable<AIChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var mapped = new List<OpenAIChatMessage>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System) mapped.Add(new SystemChatMessage(message.Text));
            else if (message.Role == ChatRole.User) mapped.Add(new UserChatMessage(message.Text));
            else if (message.Role == ChatRole.Assistant) mapped.Add(ToAssistantMessage(message));
            // One tool message per result: the protocol pairs each with its call id.
            else if (message.Role == ChatRole.Tool)
                mapped.AddRange(message.Contents.OfType<FunctionResultContent>()
                    .Select(result => new ToolChatMessage(result.CallId, ResultText(result.Result))));
            else throw new NotSupportedException($"The chat role '{message.Role}' has no OpenAI equivalent.");
        }
        return mapped;
    }

    private static AssistantChatMessage ToAssistantMessage(AIChatMessage message)
    {
        var calls = message.Contents.OfType<FunctionCallContent>()
            .Select(call => ChatToolCall.CreateFunctionToolCall(call.CallId, call.Name, ArgumentsJson(call.Arguments)))
            .ToList();
        if (calls.Count == 0) return new AssistantChatMessage(message.Text);

        var assistant = new AssistantChatMessage(calls);
        if (message.Text.Length > 0) assistant.Content.Add(ChatMessageContentPart.CreateTextPart(message.Text));
        return assistant;
    }

    private static BinaryData ArgumentsJson(IDictionary<string, object?>? arguments) =>
        BinaryData.FromString(JsonSerializer.Serialize(arguments ?? new Dictionary<string, object?>(),
            AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))));

    private static string ResultText(object? result) => result switch
    {
        null => "",
        string text => text,
        JsonElement json => json.GetRawText(),
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions.GetTypeInfo(result.GetType())),
    };
}
