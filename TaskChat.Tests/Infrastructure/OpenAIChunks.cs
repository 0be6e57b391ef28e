using System.Text.Json.Nodes;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// Builds <c>chat.completion.chunk</c> payloads shaped like the ones OpenAI-compatible servers stream,
/// including the variations between them (index or not, id only on the first piece, whole arguments).
/// </summary>
public static class OpenAIChunks
{
    public const string CompletionId = "chatcmpl-scripted";
    public const string Model = "scripted-model";

    /// <summary>The opening chunk OpenAI sends: the role, no text yet.</summary>
    public static string Role() => Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" });

    public static string Text(string delta) => Chunk(new JsonObject { ["content"] = delta });

    /// <summary>One piece of a tool call; every part is optional, as providers omit them freely.</summary>
    public static string ToolCall(int? index, string? id, string? name, string? arguments) =>
        Chunk(new JsonObject { ["tool_calls"] = new JsonArray(ToolCallPiece(index, id, name, arguments)) });

    /// <summary>
    /// A call streamed the way OpenAI does it: id and name on the first piece only, the arguments split
    /// into <paramref name="pieces"/> parts of roughly equal length.
    /// </summary>
    public static IEnumerable<string> ToolCallInPieces(int? index, string id, string name, string arguments, int pieces)
    {
        var size = (int)Math.Ceiling(arguments.Length / (double)pieces);
        for (var i = 0; i < pieces; i++)
        {
            var start = Math.Min(i * size, arguments.Length);
            var part = arguments[start..Math.Min(start + size, arguments.Length)];
            yield return i == 0 ? ToolCall(index, id, name, part) : ToolCall(index, null, null, part);
        }
    }

    public static string Finish(string reason) => Chunk(new JsonObject(), reason);

    /// <summary>The trailing chunk sent when <c>stream_options.include_usage</c> is on: no choices.</summary>
    public static string Usage(int promptTokens, int completionTokens) => new JsonObject
    {
        ["id"] = CompletionId,
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = Model,
        ["choices"] = new JsonArray(),
        ["usage"] = new JsonObject
        {
            ["prompt_tokens"] = promptTokens,
            ["completion_tokens"] = completionTokens,
            ["total_tokens"] = promptTokens + completionTokens,
        },
    }.ToJsonString();

    /// <summary>The body providers send with an error status.</summary>
    public static string Error(string message, string type = "invalid_request_error") => new JsonObject
    {
        ["error"] = new JsonObject { ["message"] = message, ["type"] = type },
    }.ToJsonString();

    private static JsonObject ToolCallPiece(int? index, string? id, string? name, string? arguments)
    {
        var function = new JsonObject();
        if (name is not null) function["name"] = name;
        if (arguments is not null) function["arguments"] = arguments;
        var piece = new JsonObject();
        if (index is not null) piece["index"] = index;
        if (id is not null)
        {
            piece["id"] = id;
            piece["type"] = "function";
        }
        piece["function"] = function;
        return piece;
    }

    private static string Chunk(JsonObject delta, string? finishReason = null) => new JsonObject
    {
        ["id"] = CompletionId,
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = Model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["finish_reason"] = finishReason,
        }),
    }.ToJsonString();
}
