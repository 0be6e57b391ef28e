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
    /// The task changed elsewhere while open here. Fields the user has not touched take the new
    /// value; fields they did touch keep what they typed. Returns those, with the value they now
    /// have elsewhere, so the user can be told before saving over it.
    /// </summary>
    public IReadOnlyList<(string Field, string Theirs)> Rebase(TaskItem latest, TimeZoneInfo zone)
    {
        var theirs = From(latest, zone);
        var was = original ?? theirs;
        var kept = new List<(string Field, string Theirs)>();

        // A three-way merge per field: untouched here → theirs; changed on both sides, differently → keep mine, say so.
        T Merge<T>(string field, T mine, T before, T now, Func<T, string> describe)
        {
            var comparer = EqualityComparer<T>.Default;
            if (comparer.Equals(mine, before)) return now;
            if (!comparer.Equals(now, before) && !comparer.Equals(mine, now)) kept.Add((field, describe(now)));
            return mine;
        }

        Title = Merge("title", Title, was.Title, theirs.Title, v => v);
        Description = Merge("description", Description, was.Description, theirs.Description, v => v.Length == 0 ? "empty" : v);
        Priority = Merge("priority", Priority, was.Priority, theirs.Priority, v => v.ToString().ToLowerInvariant());
        DueLocal = Merge("due date", DueLocal, was.DueLocal, theirs.DueLocal, _ => latest.DueUtc is { } d ? DueLabel.Full(d, zone) : "none");
        Tags = Merge("tags", Tags, was.Tags, theirs.Tags, v => v.Length == 0 ? "none" : v);
        original = theirs.original;
        return kept;
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
