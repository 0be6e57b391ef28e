using TaskChat.Core.Tasks;

namespace TaskChat.Web.Components.Tasks;

/// <summary>The inline editor's fields, as typed. The due date is wall-clock time in the user's zone.</summary>
public sealed class TaskEdit
{
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public TaskPriority Priority { get; set; } = TaskPriority.Medium;
    public DateTime? DueLocal { get; set; }
    public string Tags { get; set; } = "";

    public static TaskEdit From(TaskItem task, TimeZoneInfo zone) => new()
    {
        Title = task.Title,
        Description = task.Description,
        Priority = task.Priority,
        DueLocal = task.DueUtc is { } due ? TimeZoneInfo.ConvertTimeFromUtc(due, zone) : null,
        Tags = string.Join(", ", task.Tags),
    };

    public TaskPatch ToPatch(TimeZoneInfo zone) => new()
    {
        Title = Title,
        Description = Description,
        Priority = Priority,
        DueUtc = DueLocal is { } local ? DueWindows.LocalToUtc(local, zone) : null,
        Tags = new Optional<IEnumerable<string>?>(TaskRules.SplitTags(Tags)),
    };
}
