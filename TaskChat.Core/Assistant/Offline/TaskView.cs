using System.Text.Json;

namespace TaskChat.Core.Assistant.Offline;

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
