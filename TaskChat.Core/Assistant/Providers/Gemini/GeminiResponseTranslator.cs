using System.Text.Json;
using Microsoft.Extensions.AI;

namespace TaskChat.Core.Assistant.Providers.Gemini;

/// <summary>
/// Turns the GenerateContentResponse objects of one answer (each streamed event, or the single
/// non-streamed body) into <see cref="ChatResponseUpdate"/>s: text at once, each functionCall part
/// as a whole call, and at the end one update with the finish reason and the usage. Gemini repeats
/// usageMetadata, cumulatively, on every event, so only the last one counts.
/// </summary>
internal sealed class GeminiResponseTranslator(string requestedModel)
{
    private string? finishReason;
    private string? blockReason;
    private UsageDetails? usage;
    private bool calledTools;
    private string? responseId;
    private string? modelVersion;

    /// <summary>The update for one response object, or null when it carries no content.</summary>
    public ChatResponseUpdate? Translate(JsonElement response)
    {
        if (response.ValueKind != JsonValueKind.Object) throw GeminiErrorTranslator.Malformed();
        responseId = String(response, "responseId") ?? responseId;
        modelVersion = String(response, "modelVersion") ?? modelVersion;
        if (response.TryGetProperty("promptFeedback", out var feedback) && String(feedback, "blockReason") is { } blocked)
            blockReason = blocked;
        if (response.TryGetProperty("usageMetadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
            usage = Usage(metadata);

        var contents = new List<AIContent>();
        if (response.TryGetProperty("candidates", out var candidates) && candidates.ValueKind == JsonValueKind.Array
            && candidates.GetArrayLength() > 0 && candidates[0] is { ValueKind: JsonValueKind.Object } candidate)
        {
            if (candidate.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object
                && content.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
                foreach (var part in parts.EnumerateArray())
                    if (ToContent(part) is { } mapped) contents.Add(mapped);
            finishReason = String(candidate, "finishReason") ?? finishReason;
        }
        return contents.Count == 0 ? null : Update(contents);
    }

    /// <summary>
    /// Called when the response has ended: reports the finish reason and usage, then throws when the
    /// prompt was blocked, the stream stopped before a finish reason, or the reason makes the answer unusable.
    /// </summary>
    public IEnumerable<ChatResponseUpdate> Complete()
    {
        if (blockReason is not null) throw GeminiFinishReasons.Blocked(blockReason);
        if (finishReason is null) throw GeminiErrorTranslator.StreamCut();

        var final = Update(usage is null ? [] : [new UsageContent(usage)]);
        final.FinishReason = GeminiFinishReasons.ToFinishReason(finishReason, calledTools);
        yield return final;
        if (GeminiFinishReasons.Failure(finishReason) is { } failure) throw failure;
    }

    private AIContent? ToContent(JsonElement part)
    {
        if (part.ValueKind != JsonValueKind.Object) throw GeminiErrorTranslator.Malformed();
        if (part.TryGetProperty("functionCall", out var call) && call.ValueKind == JsonValueKind.Object)
        {
            calledTools = true;
            return GeminiPartData.Keep(ToCall(call), part);
        }
        if (String(part, "text") is not { } text) return null; // media and code-execution parts: not requested, not shown
        AIContent content = part.TryGetProperty("thought", out var thought) && thought.ValueKind == JsonValueKind.True
            ? new TextReasoningContent(text)
            : new TextContent(text);
        GeminiPartData.Keep(content, part);
        // An empty part still matters when it carries a signature (streams often end with one).
        return text.Length > 0 || content.AdditionalProperties is not null ? content : null;
    }

    private static FunctionCallContent ToCall(JsonElement call)
    {
        var id = String(call, "id") is { Length: > 0 } given ? given : GeminiCallIds.New();
        var name = String(call, "name") ?? "";
        var arguments = new Dictionary<string, object?>();
        if (!call.TryGetProperty("args", out var args) || args.ValueKind == JsonValueKind.Null)
            return new FunctionCallContent(id, name, arguments);
        if (args.ValueKind != JsonValueKind.Object)
            // Still emitted, so the loop can tell the model its arguments were unusable and let it retry.
            return new FunctionCallContent(id, name, arguments)
            {
                Exception = new InvalidOperationException($"The arguments for '{name}' are not a JSON object."),
            };
        foreach (var property in args.EnumerateObject())
            arguments[property.Name] = property.Value.Clone();
        return new FunctionCallContent(id, name, arguments);
    }

    private static UsageDetails Usage(JsonElement metadata)
    {
        var answer = Int(metadata, "candidatesTokenCount");
        var thoughts = Int(metadata, "thoughtsTokenCount");
        return new UsageDetails
        {
            InputTokenCount = Int(metadata, "promptTokenCount"),
            // Gemini counts thinking apart from the answer but bills it as output; OpenAI's output
            // count includes reasoning too, so stored figures mean the same for both providers.
            OutputTokenCount = answer is null && thoughts is null ? null : (answer ?? 0) + (thoughts ?? 0),
            ReasoningTokenCount = thoughts,
            CachedInputTokenCount = Int(metadata, "cachedContentTokenCount"),
            TotalTokenCount = Int(metadata, "totalTokenCount"),
        };
    }

    private ChatResponseUpdate Update(IList<AIContent> contents) => new(ChatRole.Assistant, contents)
    {
        ResponseId = responseId,
        MessageId = responseId,
        ModelId = modelVersion ?? requestedModel,
    };

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static long? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}
