using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace TaskChat.Core.Assistant.Providers.Gemini;

/// <summary>
/// The fields of a Gemini part that TaskChat does not interpret (thoughtSignature above all, and any
/// field Google adds later), kept on the content made from the part so they can be written back
/// unchanged: thinking models reject a function-calling round whose signatures were dropped.
/// </summary>
internal static class GeminiPartData
{
    /// <summary>Key in <see cref="AIContent.AdditionalProperties"/>; the value is a JSON object of the kept fields.</summary>
    public const string Key = "gemini.part";

    private static readonly HashSet<string> Interpreted = ["text", "thought", "functionCall"];

    /// <summary>Attaches the part's uninterpreted fields to <paramref name="content"/>, if it has any.</summary>
    public static T Keep<T>(T content, JsonElement part) where T : AIContent
    {
        var kept = new JsonObject();
        foreach (var field in part.EnumerateObject())
            if (!Interpreted.Contains(field.Name)) kept[field.Name] = JsonNode.Parse(field.Value.GetRawText());
        if (kept.Count > 0) (content.AdditionalProperties ??= [])[Key] = JsonSerializer.SerializeToElement(kept);
        return content;
    }

    /// <summary>Writes the fields kept on <paramref name="content"/> back into the outgoing part.</summary>
    public static JsonObject Restore(JsonObject part, AIContent content)
    {
        if (content.AdditionalProperties?.TryGetValue(Key, out var value) == true && value is JsonElement { ValueKind: JsonValueKind.Object } kept)
            foreach (var field in kept.EnumerateObject())
                part[field.Name] = JsonNode.Parse(field.Value.GetRawText());
        return part;
    }

    public static bool Carries(AIContent content) => content.AdditionalProperties?.ContainsKey(Key) == true;
}
