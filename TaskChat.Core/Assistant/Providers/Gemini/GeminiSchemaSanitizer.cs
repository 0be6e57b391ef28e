using System.Text.Json;
using System.Text.Json.Nodes;

namespace TaskChat.Core.Assistant.Providers.Gemini;

/// <summary>
/// Turns an <c>AIFunction</c>'s JSON Schema into the OpenAPI 3.0 subset Gemini's
/// <c>FunctionDeclaration.parameters</c> accepts: a keyword outside it (<c>$schema</c>,
/// <c>additionalProperties</c>, <c>default</c>, …) fails the whole request with a 400, and so do type
/// unions, an object with no properties and formats Gemini does not know.
/// </summary>
internal static class GeminiSchemaSanitizer
{
    private static readonly HashSet<string> Kept =
    [
        "type", "format", "title", "description", "nullable", "enum", "items", "minItems", "maxItems",
        "properties", "required", "minimum", "maximum", "anyOf", "propertyOrdering",
    ];

    // The only formats the Schema reference lists; any other is rejected rather than ignored.
    private static readonly Dictionary<string, string[]> Formats = new()
    {
        ["string"] = ["enum", "date-time"],
        ["number"] = ["float", "double"],
        ["integer"] = ["int32", "int64"],
    };

    /// <summary>
    /// The parameters to declare, or null when the function takes none: Gemini refuses an OBJECT
    /// schema whose properties are empty, and a function without parameters needs no schema.
    /// </summary>
    public static JsonObject? Parameters(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) return null;
        var sanitized = Sanitize(JsonNode.Parse(schema.GetRawText())!.AsObject());
        return sanitized["properties"] is JsonObject { Count: > 0 } ? sanitized : null;
    }

    private static JsonObject Sanitize(JsonObject schema)
    {
        var result = new JsonObject();
        foreach (var (name, value) in schema)
        {
            if (!Kept.Contains(name) || value is null) continue;
            JsonNode? kept = name switch
            {
                "properties" => value is JsonObject properties ? Properties(properties) : null,
                "items" => value is JsonObject items ? Sanitize(items) : null,
                "anyOf" => value is JsonArray schemas ? new JsonArray(schemas.OfType<JsonObject>().Select(s => (JsonNode)Sanitize(s)).ToArray()) : null,
                _ => value.DeepClone(),
            };
            if (kept is not null) result[name] = kept;
        }
        SingleType(result);
        DropUnknownFormat(result);
        KeepKnownRequired(result);
        return result;
    }

    private static JsonObject? Properties(JsonObject properties)
    {
        var result = new JsonObject();
        foreach (var (name, value) in properties)
            if (value is JsonObject property) result[name] = Sanitize(property);
        return result.Count > 0 ? result : null;
    }

    // JSON Schema says "may be null" with a type list, ["string","null"]; OpenAPI 3.0 with one type
    // and nullable. Several real types become anyOf, the one union form Gemini takes.
    private static void SingleType(JsonObject schema)
    {
        if (schema["type"] is not JsonArray types) return;
        var names = types.Select(t => t?.GetValue<string>()).OfType<string>().ToList();
        var real = names.Where(n => n != "null").ToList();
        schema.Remove("type");
        if (names.Contains("null")) schema["nullable"] = true;
        if (real.Count == 1) schema["type"] = real[0];
        else if (real.Count > 1) schema["anyOf"] = new JsonArray(real.Select(n => (JsonNode)new JsonObject { ["type"] = n }).ToArray());
    }

    private static void DropUnknownFormat(JsonObject schema)
    {
        if (schema["format"] is not JsonValue format) return;
        var type = schema["type"] is JsonValue t ? t.GetValue<string>() : "";
        if (!Formats.TryGetValue(type, out var known) || !known.Contains(format.GetValue<string>()))
            schema.Remove("format");
    }

    private static void KeepKnownRequired(JsonObject schema)
    {
        if (schema["required"] is not JsonArray required) return;
        var properties = schema["properties"] as JsonObject;
        var known = required.Select(r => r?.GetValue<string>()).OfType<string>().Where(n => properties?.ContainsKey(n) == true).ToList();
        if (known.Count == 0) schema.Remove("required");
        else schema["required"] = new JsonArray(known.Select(n => (JsonNode)n).ToArray());
    }
}
