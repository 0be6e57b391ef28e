using TaskChat.Core.Assistant.Tools;

namespace TaskChat.Core.Assistant.Offline;

internal enum OfflineIntentKind
{
    Help,
    Greeting,
    Thanks,
    Add,
    List,
    Summarize,
    Complete,
    Reopen,
    Update,
    Delete,
    CompleteAll,
    DeleteAll,
}

/// <summary>
/// What the user asked for, read from one message: the tool it ends in, that tool's arguments, and,
/// for changes to one task, which task — by number, or by words still to be looked up.
/// </summary>
internal sealed record OfflineIntent(OfflineIntentKind Kind)
{
    /// <summary>The final tool's arguments, apart from task_id.</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyList<int> TaskIds { get; init; } = [];

    /// <summary>The words the user named a task by, filler removed: "the dentist one" → "dentist".</summary>
    public string? TaskWords { get; init; }

    /// <summary>How the answer names what a list request asked for.</summary>
    public ListWording Wording { get; init; } = ListWording.Everything;

    public string? Tool => Kind switch
    {
        OfflineIntentKind.Add => ToolNames.AddTask,
        OfflineIntentKind.List => ToolNames.ListTasks,
        OfflineIntentKind.Summarize => ToolNames.SummarizeTasks,
        OfflineIntentKind.Complete or OfflineIntentKind.Reopen => ToolNames.CompleteTask,
        OfflineIntentKind.Update => ToolNames.UpdateTask,
        OfflineIntentKind.Delete => ToolNames.DeleteTask,
        OfflineIntentKind.CompleteAll => ToolNames.CompleteAllTasks,
        OfflineIntentKind.DeleteAll => ToolNames.DeleteAllTasks,
        _ => null,
    };

    public bool TargetsOneTask => Kind is OfflineIntentKind.Complete or OfflineIntentKind.Reopen
        or OfflineIntentKind.Update or OfflineIntentKind.Delete;

    /// <summary>The task was named by words, so its id has to be found with list_tasks first.</summary>
    public bool NeedsLookup => TargetsOneTask && TaskIds.Count == 0 && !string.IsNullOrEmpty(TaskWords);
}
