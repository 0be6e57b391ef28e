namespace TaskChat.Core.Tasks;

/// <summary>A task as callers see it: an immutable snapshot, detached from the database.</summary>
public sealed record TaskItem(
    int Id,
    string Title,
    string Description,
    TaskPriority Priority,
    DateTime? DueUtc,
    IReadOnlyList<string> Tags,
    bool IsCompleted,
    DateTime? CompletedUtc,
    DateTime CreatedUtc,
    DateTime UpdatedUtc,
    bool DueHasTime = true,
    string? Recurrence = null)
{
    public bool IsRecurring => Recurrence is not null;

    public bool IsOverdue(DateTime nowUtc) => !IsCompleted && DueUtc < nowUtc;

    // Records compare collections by reference; two snapshots of the same task must be equal.
    public bool Equals(TaskItem? other) =>
        other is not null && Id == other.Id && Title == other.Title && Description == other.Description
        && Priority == other.Priority && DueUtc == other.DueUtc && Tags.SequenceEqual(other.Tags)
        && IsCompleted == other.IsCompleted && CompletedUtc == other.CompletedUtc
        && CreatedUtc == other.CreatedUtc && UpdatedUtc == other.UpdatedUtc
        && DueHasTime == other.DueHasTime && Recurrence == other.Recurrence;

    public override int GetHashCode() => HashCode.Combine(Id, Title, UpdatedUtc);

    internal static TaskItem From(TaskEntity e) => new(
        e.Id, e.Title, e.Description, e.Priority, e.DueUtc,
        e.Tags.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray(),
        e.IsCompleted, e.CompletedUtc, e.CreatedUtc, e.UpdatedUtc, e.DueHasTime, e.Recurrence);
}
