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

    /// <summary>Tools that never run on the model's word alone: the user must confirm.</summary>
    public static bool NeedsApproval(string name) => name is CompleteAllTasks or DeleteAllTasks;
}
