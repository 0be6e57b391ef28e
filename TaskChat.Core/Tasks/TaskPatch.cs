namespace TaskChat.Core.Tasks;

/// <summary>A change to a task: only the fields that are set are changed.</summary>
public sealed record TaskPatch
{
    public Optional<string> Title { get; init; }
    public Optional<string?> Description { get; init; }
    public Optional<TaskPriority> Priority { get; init; }
    public Optional<DateTime?> DueUtc { get; init; }
    public Optional<IEnumerable<string>?> Tags { get; init; }
    public Optional<bool> DueHasTime { get; init; }
    /// <summary>An RRULE value, or null to stop repeating.</summary>
    public Optional<string?> Recurrence { get; init; }
}
