using System.Text.Json;
using TaskChat.Core.Tasks;
using TaskChat.Core.Tasks.Recurrence;

namespace TaskChat.Core.Assistant.Tools;

/// <summary>
/// What tools hand back to the model: small JSON objects with snake_case names. Dates are given in
/// the user's zone, with a label ("Tomorrow") so the model can repeat them without arithmetic.
/// </summary>
public static class ToolJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Options);

    public static string Error(string message) => Serialize(new { error = message });

    public static object Task(TaskItem task, DateTime nowUtc, TimeZoneInfo zone) => new
    {
        id = task.Id,
        title = task.Title,
        description = task.Description,
        priority = task.Priority.ToString().ToLowerInvariant(),
        due = task.DueUtc is { } due ? new DateTimeOffset(due).ToOffset(zone.GetUtcOffset(due)).ToString("yyyy-MM-ddTHH:mm:sszzz") : null,
        due_text = task.DueUtc is { } d ? DueLabel.Format(d, nowUtc, zone) : null,
        due_has_time = task.DueUtc is not null && task.DueHasTime,
        repeat = task.Recurrence,
        repeat_text = task.Recurrence is { } rule && RecurrenceRule.TryParse(rule, out var parsed, out _) ? RecurrenceWords.ToWords(parsed) : null,
        tags = task.Tags,
        completed = task.IsCompleted,
        overdue = task.IsOverdue(nowUtc),
    };
}
