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
