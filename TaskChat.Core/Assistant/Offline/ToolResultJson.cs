using System.Text.Json;

namespace TaskChat.Core.Assistant.Offline;

/// <summary>
/// Reads what a task tool answered. Results arrive as a JSON string or an already-parsed element;
/// a plain, non-JSON string is a tool's short error message and is read as one.
/// </summary>
internal static class ToolResultJson
{
    public static JsonElement Read(object? result) => result switch
    {
        JsonElement element => Read(element),
        string text => Parse(text),
        null => Error("The tool returned nothing."),
        _ => Read(JsonSerializer.SerializeToElement(result, result.GetType())),
    };

    public static JsonElement Error(string message) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["error"] = message });

    public static string? String(JsonElement result, string name) =>
        result.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int? Int(JsonElement result, string name) =>
        result.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    public static IReadOnlyList<TaskView> Tasks(JsonElement result) =>
        result.TryGetProperty("tasks", out var tasks) && tasks.ValueKind == JsonValueKind.Array
            ? tasks.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.Object).Select(TaskView.From).ToList()
            : [];

    private static JsonElement Read(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element,
        JsonValueKind.String => Parse(element.GetString() ?? ""),
        _ => Error(element.GetRawText()),
    };

    private static JsonElement Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : Error(text);
        }
        catch (JsonException)
        {
            return Error(text);
        }
    }
}
