namespace TaskChat.Core.Tasks;

/// <summary>What a new task is made from. Everything but the title is optional.</summary>
public sealed record TaskDraft(
    string Title,
    string? Description = null,
    TaskPriority? Priority = null,
    DateTime? DueUtc = null,
    IEnumerable<string>? Tags = null,
    bool DueHasTime = true,
    string? Recurrence = null);
