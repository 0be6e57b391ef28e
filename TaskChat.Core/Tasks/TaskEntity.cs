namespace TaskChat.Core.Tasks;

/// <summary>A task row. Only <see cref="TaskService"/> creates or changes these.</summary>
public sealed class TaskEntity
{
    public int Id { get; set; }
    public required string OwnerId { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public TaskPriority Priority { get; set; } = TaskPriority.Medium;
    public DateTime? DueUtc { get; set; }
    /// <summary>
    /// False for a due day without a time of day. Such a due is still stored as 23:59 that day in the
    /// user's zone, so sorting and the "due today" windows treat both kinds alike.
    /// </summary>
    public bool DueHasTime { get; set; }
    /// <summary>An RFC 5545 RRULE value without the "RRULE:" prefix, e.g. FREQ=MONTHLY;BYMONTHDAY=1; null for a one-off task.</summary>
    public string? Recurrence { get; set; }
    public bool IsCompleted { get; set; }
    public DateTime? CompletedUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public List<TaskTagEntity> Tags { get; set; } = [];
}

/// <summary>One tag of a task. A table rather than a JSON column so the tag filter can use an index.</summary>
public sealed class TaskTagEntity
{
    public int TaskId { get; set; }
    public required string Name { get; set; }
}
