using System.Text.Json;

namespace TaskChat.Core.Assistant.Tools;

/// <summary>
/// Checks a model's arguments against the tool's own JSON schema before the call, so a missing or
/// mistyped argument comes back naming the argument and what it must be, rather than as a .NET
/// conversion error ("could not be converted to System.Int32. Path: $") the model cannot act on.
/// </summary>
public static class ToolArgumentCheck
{
    /// <summary>
    /// The problem with <paramref name="arguments"/>, or null when they fit the schema. Null for an
    /// optional argument is no problem: it means the argument was not given.
    /// </summary>
    public static string? Problem(string tool, JsonElement schema, IDictionary<string, object?> arguments)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties)) return null;
        var required = Required(schema);
        foreach (var name in required)
            if (!arguments.TryGetValue(name, out var given) || given is null)
                return $"{tool} needs {name}, which was not given, so nothing was done. Call it again with {name}.";

        foreach (var (name, raw) in arguments)
        {
            if (!properties.TryGetProperty(name, out var property) || !property.TryGetProperty("type", out var type)) continue;
            var value = raw as JsonElement? ?? JsonSerializer.SerializeToElement(raw);
            if (value.ValueKind == JsonValueKind.Null && !required.Contains(name)) continue;
            if (Fits(value, type, property)) continue;
            return $"{name} for {tool} must be {Describe(type)}, not {Shorten(value.GetRawText())}, so nothing was done. Call it again with a valid {name}.";
        }
        return null;
    }

    /// <summary>
    /// Removes optional arguments sent as null: models send them to mean "not given", and the tool
    /// then uses its own default (a parameter such as complete_task's completed cannot hold null).
    /// </summary>
    public static void DropNullOptionals(JsonElement schema, IDictionary<string, object?> arguments)
    {
        var required = Required(schema);
        foreach (var name in arguments.Where(a => IsNull(a.Value) && !required.Contains(a.Key)).Select(a => a.Key).ToArray())
            arguments.Remove(name);
    }

    private static HashSet<string> Required(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
            ? required.EnumerateArray().Select(r => r.GetString()!).ToHashSet()
            : [];

    private static bool IsNull(object? value) => value is null or JsonElement { ValueKind: JsonValueKind.Null };

    private static bool Fits(JsonElement value, JsonElement type, JsonElement property)
    {
        var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToArray() : [type.GetString()];
        return types.Any(t => t switch
        {
            "null" => value.ValueKind == JsonValueKind.Null,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
            "number" => value.ValueKind == JsonValueKind.Number,
            "string" => value.ValueKind == JsonValueKind.String,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "array" => value.ValueKind == JsonValueKind.Array
                       && (!property.TryGetProperty("items", out var items) || !items.TryGetProperty("type", out var itemType)
                           || value.EnumerateArray().All(item => Fits(item, itemType, items))),
            "object" => value.ValueKind == JsonValueKind.Object,
            _ => true,
        });
    }

    private static string Describe(JsonElement type)
    {
        var names = (type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()) : [type.GetString()])
            .Where(t => t != "null").ToArray();
        return names switch
        {
            ["integer"] => "a whole number (an id from list_tasks)",
            ["string"] => "a string",
            ["boolean"] => "true or false",
            ["array"] => "a list of strings",
            _ => string.Join(" or ", names),
        };
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
