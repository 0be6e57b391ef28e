using TaskChat.Core.Tasks;

namespace TaskChat.Web.Components.Tasks;

/// <summary>What the user chose to see. The default shows everything, open tasks first.</summary>
public sealed record TaskFilters
{
    public TaskStatusFilter Status { get; init; } = TaskStatusFilter.All;
    public TaskPriority? Priority { get; init; }
    public string? Tag { get; init; }
    public DueWindow Due { get; init; } = DueWindow.Any;
    public string Text { get; init; } = "";
    public TaskSort Sort { get; init; } = TaskSort.Due;

    /// <summary>True when something narrows the list (the sort does not).</summary>
    public bool IsNarrowed => this with { Sort = TaskSort.Due } != new TaskFilters();
}
