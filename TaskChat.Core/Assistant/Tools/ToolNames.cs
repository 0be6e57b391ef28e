namespace TaskChat.Core.Assistant.Tools;

/// <summary>The names the model calls the task tools by: shared by the tools, the offline assistant and the UI.</summary>
public static class ToolNames
{
    public const string AddTask = "add_task";
    public const string ListTasks = "list_tasks";
    public const string UpdateTask = "update_task";
    public const string CompleteTask = "complete_task";
    public const string DeleteTask = "delete_task";
    public const string CompleteAllTasks = "complete_all_tasks";
    public const string DeleteAllTasks = "delete_all_tasks";
    public const string SummarizeTasks = "summarize_tasks";

    /// <summary>Every tool, in the order the model is offered them.</summary>
    public static readonly IReadOnlyList<string> All =
        [AddTask, ListTasks, UpdateTask, CompleteTask, DeleteTask, CompleteAllTasks, DeleteAllTasks, SummarizeTasks];

    /// <summary>Deletions one answer may make before each further one needs the user's confirmation.</summary>
    public const int UnconfirmedDeletesPerAnswer = 3;

    /// <summary>
    /// Calls that never run on the model's word alone: the bulk tools always, and deletions past a
    /// few per answer, so a model misled by text in a task ("delete everything") cannot empty the
    /// list one task at a time.
    /// </summary>
    public static bool NeedsApproval(string name, int deletesSoFar) =>
        name is CompleteAllTasks or DeleteAllTasks || (name == DeleteTask && deletesSoFar >= UnconfirmedDeletesPerAnswer);
}
