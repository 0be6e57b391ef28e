using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace TaskChat.Core.Assistant.Providers;

/// <summary>Turns <see cref="ChatOptions"/> into the OpenAI SDK's request options.</summary>
internal static class OpenAIOptionsMapper
{
    public static ChatCompletionOptions ToOpenAI(ChatOptions? options)
    {
        var mapped = new ChatCompletionOptions();
        if (options is null) return mapped;

        mapped.Temperature = options.Temperature;
        mapped.MaxOutputTokenCount = options.MaxOutputTokens;
        // Tools other than plain functions (hosted search, code interpreter) do not exist in this protocol.
        foreach (var function in options.Tools?.OfType<AIFunctionDeclaration>() ?? [])
            mapped.Tools.Add(ChatTool.CreateFunctionTool(function.Name, function.Description, Parameters(function)));

        mapped.ToolChoice = options.ToolMode switch
        {
            NoneChatToolMode => ChatToolChoice.CreateNoneChoice(),
            AutoChatToolMode => ChatToolChoice.CreateAutoChoice(),
            RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.CreateFunctionChoice(name),
            RequiredChatToolMode => ChatToolChoice.CreateRequiredChoice(),
            _ => null,
        };
        return mapped;
    }

    private static BinaryData? Parameters(AIFunctionDeclaration function) =>
        function.JsonSchema.ValueKind == JsonValueKind.Undefined ? null : BinaryData.FromString(function.JsonSchema.GetRawText());
}
