using System.Text.Json.Nodes;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// Builds GenerateContentResponse payloads shaped like the ones Gemini streams: one candidate whose
/// content holds the new parts, usageMetadata on every event (running totals), the finish reason on
/// the last, and Google's error bodies.
/// </summary>
public static class GeminiChunks
{
    public const string ResponseId = "scripted-gemini-response";
    public const string ModelVersion = "gemini-2.5-flash-scripted";
    public const int PromptTokens = 42;

    public static JsonObject TextPart(string text, string? thoughtSignature = null) =>
        Signed(new JsonObject { ["text"] = text }, thoughtSignature);

    /// <summary>A functionCall part; Gemini's API usually sends it without an id.</summary>
    public static JsonObject CallPart(string name, string argumentsJson, string? id = null, string? thoughtSignature = null)
    {
        var call = new JsonObject();
        if (id is not null) call["id"] = id;
        call["name"] = name;
        call["args"] = JsonNode.Parse(argumentsJson);
        return Signed(new JsonObject { ["functionCall"] = call }, thoughtSignature);
    }

    public static string Text(string text) => Chunk([TextPart(text)]);

    public static string Call(string name, string argumentsJson) => Chunk([CallPart(name, argumentsJson)]);

    /// <summary>One event carrying several parts, e.g. two function calls at once.</summary>
    public static string Parts(params JsonObject[] parts) => Chunk(parts);

    /// <summary>The last event: the finish reason, the final usage and optionally the last parts.</summary>
    public static string Finish(string reason = "STOP", int answerTokens = 7, int thoughtTokens = 0, params JsonObject[] parts) =>
        Chunk(parts, reason, Usage(answerTokens, thoughtTokens));

    /// <summary>What Gemini sends when it will not answer the prompt at all: no candidates.</summary>
    public static string PromptBlocked(string reason) => new JsonObject
    {
        ["promptFeedback"] = new JsonObject { ["blockReason"] = reason },
        ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = PromptTokens, ["totalTokenCount"] = PromptTokens },
        ["modelVersion"] = ModelVersion,
        ["responseId"] = ResponseId,
    }.ToJsonString();

    /// <summary>A whole non-streamed answer, as <c>:generateContent</c> returns it.</summary>
    public static string Response(string reason, params JsonObject[] parts) => Chunk(parts, reason, Usage(7, 0));

    /// <summary>Google's error body; details such as <see cref="RetryInfo"/> go in <c>details</c>.</summary>
    public static string Error(int code, string status, string message, params JsonObject[] details) => new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["status"] = status,
            ["details"] = new JsonArray([.. details]),
        },
    }.ToJsonString();

    public static JsonObject RetryInfo(string retryDelay) => new()
    {
        ["@type"] = "type.googleapis.com/google.rpc.RetryInfo",
        ["retryDelay"] = retryDelay,
    };

    public static JsonObject ErrorInfo(string reason) => new()
    {
        ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo",
        ["reason"] = reason,
        ["domain"] = "googleapis.com",
        ["metadata"] = new JsonObject { ["service"] = "generativelanguage.googleapis.com" },
    };

    private static JsonObject Signed(JsonObject part, string? thoughtSignature)
    {
        if (thoughtSignature is not null) part["thoughtSignature"] = thoughtSignature;
        return part;
    }

    private static JsonObject Usage(int answerTokens, int thoughtTokens)
    {
        var usage = new JsonObject
        {
            ["promptTokenCount"] = PromptTokens,
            ["candidatesTokenCount"] = answerTokens,
            ["totalTokenCount"] = PromptTokens + answerTokens + thoughtTokens,
        };
        if (thoughtTokens > 0) usage["thoughtsTokenCount"] = thoughtTokens;
        return usage;
    }

    private static string Chunk(JsonObject[] parts, string? finishReason = null, JsonObject? usage = null)
    {
        var candidate = new JsonObject
        {
            ["content"] = new JsonObject { ["parts"] = new JsonArray([.. parts]), ["role"] = "model" },
        };
        if (finishReason is not null) candidate["finishReason"] = finishReason;
        candidate["index"] = 0;
        return new JsonObject
        {
            ["candidates"] = new JsonArray(candidate),
            // Every streamed event repeats the usage so far; only the prompt is known before the end.
            ["usageMetadata"] = usage ?? new JsonObject { ["promptTokenCount"] = PromptTokens, ["totalTokenCount"] = PromptTokens },
            ["modelVersion"] = ModelVersion,
            ["responseId"] = ResponseId,
        }.ToJsonString();
    }
}
