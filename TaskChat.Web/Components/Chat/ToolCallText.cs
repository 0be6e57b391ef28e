using System.Text.Json;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;

namespace TaskChat.Web.Components.Chat;

/// <summary>A tool call as one line on its card: "Added task Buy milk — due Tomorrow".</summary>
public sealed record ToolCallLine(string Action, string? Subject, string? Detail);

public static class ToolCallText
{
    public static ToolCallLine Describe(ToolCallView call)
    {
        var args = Parse(call.ArgumentsJson);
        var result = Parse(call.ResultJson);
        if (call.Status == ToolCallStatus.Failed)
            return new($"Could not {Infinitive(call.Name)}", Text(args, "title"), Text(result, "error"));
        if (call.Status == ToolCallStatus.Declined)
            return new("Cancelled:", Infinitive(call.Name), "nothing was changed");
        if (call.Status is ToolCallStatus.Running or ToolCallStatus.AwaitingApproval)
            return new(Ongoing(call.Name) + "…", Text(args, "title"), null);

        return call.Name switch
        {
            ToolNames.AddTask => new("Added task", Text(Object(result, "added"), "title"), Due(Object(result, "added"))),
            ToolNames.UpdateTask => new("Updated", Text(Object(result, "updated"), "title"), Changed(result)),
            ToolNames.CompleteTask when Object(result, "reopened") is { } reopened => new("Reopened", Text(reopened, "title"), null),
            ToolNames.CompleteTask => new("Completed", Text(Object(result, "completed"), "title"), null),
            ToolNames.DeleteTask => new("Deleted", Text(Object(result, "deleted"), "title"), null),
            ToolNames.ListTasks => new("Looked up tasks", null, Count(result, "total", "found")),
            ToolNames.CompleteAllTasks => new("Completed all tasks", null, Count(result, "completed_count", "completed")),
            ToolNames.DeleteAllTasks => new("Deleted all tasks", null, Count(result, "deleted_count", "deleted")),
            ToolNames.SummarizeTasks => new("Summarized your tasks", null, Count(result, "open", "open")),
            _ => new(call.Name, null, null),
        };
    }

    /// <summary>The question on an approval card.</summary>
    public static string Question(ToolCallView call) => call.Name switch
    {
        ToolNames.DeleteAllTasks => "Delete all your tasks? This cannot be undone.",
        ToolNames.CompleteAllTasks => "Mark all your open tasks as done?",
        ToolNames.DeleteTask => $"The assistant wants to delete another task ({Argument(call, "task_id")}). Allow it?",
        _ => $"Run {call.Name}?",
    };

    private static string Ongoing(string tool) => tool switch
    {
        ToolNames.AddTask => "Adding task",
        ToolNames.UpdateTask => "Updating task",
        ToolNames.CompleteTask => "Completing task",
        ToolNames.DeleteTask => "Deleting task",
        ToolNames.ListTasks => "Looking up tasks",
        ToolNames.CompleteAllTasks => "Completing all tasks",
        ToolNames.DeleteAllTasks => "Deleting all tasks",
        ToolNames.SummarizeTasks => "Summarizing tasks",
        _ => $"Running {tool}",
    };

    private static string Infinitive(string tool) => tool switch
    {
        ToolNames.AddTask => "add task",
        ToolNames.UpdateTask => "update task",
        ToolNames.CompleteTask => "complete task",
        ToolNames.DeleteTask => "delete task",
        ToolNames.ListTasks => "look up tasks",
        ToolNames.CompleteAllTasks => "complete all tasks",
        ToolNames.DeleteAllTasks => "delete all tasks",
        ToolNames.SummarizeTasks => "summarize tasks",
        _ => $"run {tool}",
    };

    private static string Argument(ToolCallView call, string name) =>
        Object(Parse(call.ArgumentsJson), name) is { } value ? $"id {value}" : "unknown id";

    private static string? Due(JsonElement? task) => Text(task, "due_text") is { } due ? $"due {due}" : null;

    private static string? Changed(JsonElement? result) =>
        Object(result, "changed") is { ValueKind: JsonValueKind.Array } changed ? string.Join(", ", changed.EnumerateArray().Select(e => e.GetString())) : null;

    private static string? Count(JsonElement? result, string property, string word) =>
        result is { } r && r.TryGetProperty(property, out var n) && n.TryGetInt32(out var count) ? $"{count} {word}" : null;

    private static JsonElement? Object(JsonElement? parent, string property) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(property, out var value) ? value : null;

    private static string? Text(JsonElement? parent, string property) =>
        Object(parent, property) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
