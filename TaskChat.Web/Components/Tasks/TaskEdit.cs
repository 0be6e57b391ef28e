using TaskChat.Core.Tasks;

namespace TaskChat.Web.Components.Tasks;

/// <summary>The inline editor's fields, as typed. The due date is wall-clock time in the user's zone.</summary>
public sealed class TaskEdit
{
    private TaskEdit? original;

    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public TaskPriority Priority { get; set; } = TaskPriority.Medium;
    public DateTime? DueLocal { get; set; }
    public string Tags { get; set; } = "";

    public static TaskEdit From(TaskItem task, TimeZoneInfo zone)
    {
        var edit = new TaskEdit
        {
            Title = task.Title,
            Description = task.Description,
            Priority = task.Priority,
            DueLocal = task.DueUtc is { } due ? TimeZoneInfo.ConvertTimeFromUtc(due, zone) : null,
            Tags = string.Join(", ", task.Tags),
        };
        edit.original = (TaskEdit)edit.MemberwiseClone();
        return edit;
    }

    /// <summary>
    /// Only what the user changed in the editor: a field they left alone is not written back, so an
    /// edit here does not undo a change made meanwhile in another tab or by the assistant.
    /// </summary>
    public TaskPatch ToPatch(TimeZoneInfo zone) => new()
    {
        Title = Title != original?.Title ? Title : default(Optional<string>),
        Description = Description != original?.Description ? Description : default(Optional<string?>),
        Priority = Priority != original?.Priority ? Priority : default(Optional<TaskPriority>),
        DueUtc = DueLocal != original?.DueLocal
            ? DueLocal is { } local ? DueWindows.LocalToUtc(local, zone) : null
            : default(Optional<DateTime?>),
        Tags = Tags != original?.Tags ? new Optional<IEnumerable<string>?>(TaskRules.SplitTags(Tags)) : default,
    };
}
