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

/// <summary>The fields of a task object that the offline answers mention.</summary>
internal sealed record TaskView(int Id, string Title, string? Priority, string? DueText, IReadOnlyList<string> Tags, bool Completed, bool Overdue)
{
    public static TaskView From(JsonElement task) => new(
        ToolResultJson.Int(task, "id") ?? 0,
        ToolResultJson.String(task, "title") ?? "",
        ToolResultJson.String(task, "priority"),
        ToolResultJson.String(task, "due_text"),
        task.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
            : [],
        Flag(task, "completed"),
        Flag(task, "overdue"));

    private static bool Flag(JsonElement task, string name) =>
        task.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
