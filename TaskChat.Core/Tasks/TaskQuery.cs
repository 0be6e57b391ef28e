namespace TaskChat.Core.Tasks;

public enum TaskStatusFilter
{
    All,
    Open,
    Done,
}

public enum TaskSort
{
    /// <summary>Soonest due first, undated last.</summary>
    Due,
    /// <summary>High priority first.</summary>
    Priority,
    /// <summary>Newest first.</summary>
    Created,
}

/// <summary>
/// A page of a user's tasks. Open tasks always come before completed ones, whatever the sort, so
/// completing a task moves it down instead of out of sight.
/// </summary>
public sealed record TaskQuery
{
    public const int MaxPageSize = 200;

    public TaskStatusFilter Status { get; init; } = TaskStatusFilter.All;
    public TaskPriority? Priority { get; init; }
    public string? Tag { get; init; }
    /// <summary>Inclusive lower bound on the due date.</summary>
    public DateTime? DueFromUtc { get; init; }
    /// <summary>Exclusive upper bound on the due date.</summary>
    public DateTime? DueBeforeUtc { get; init; }
    /// <summary>Matched, case-insensitively, against title, description and tags.</summary>
    public string? Text { get; init; }
    public TaskSort Sort { get; init; } = TaskSort.Due;
    public int Skip { get; init; }
    public int Take { get; init; } = 50;
}

public sealed record TaskPage(IReadOnlyList<TaskItem> Items, int TotalCount);
