using ModelContextProtocol.Protocol;
using TaskChat.Core.Assistant.Tools;

namespace TaskChat.Web.Mcp;

/// <summary>
/// What each task tool does to the user's list, as MCP annotations: clients use them to decide what
/// to run without asking (read-only ones) and what to flag (destructive ones). None reaches outside
/// TaskChat (closed world). Which tools a read-only token may call follows from the same table.
/// </summary>
internal static class McpToolHints
{
    private static readonly Dictionary<string, ToolAnnotations> ByName = new()
    {
        [ToolNames.AddTask] = Hints("Add a task", readOnly: false, destructive: false, idempotent: false),
        [ToolNames.ListTasks] = Hints("List tasks", readOnly: true, destructive: false, idempotent: true),
        [ToolNames.UpdateTask] = Hints("Change a task", readOnly: false, destructive: true, idempotent: true),
        [ToolNames.CompleteTask] = Hints("Complete or reopen a task", readOnly: false, destructive: false, idempotent: true),
        [ToolNames.DeleteTask] = Hints("Delete a task", readOnly: false, destructive: true, idempotent: true),
        [ToolNames.CompleteAllTasks] = Hints("Complete every open task", readOnly: false, destructive: true, idempotent: true),
        [ToolNames.DeleteAllTasks] = Hints("Delete every task", readOnly: false, destructive: true, idempotent: true),
        [ToolNames.SummarizeTasks] = Hints("Summarize tasks", readOnly: true, destructive: false, idempotent: true),
    };

    public static ToolAnnotations For(string tool) => ByName[tool];

    public static bool IsReadOnly(string tool) => ByName[tool].ReadOnlyHint == true;

    private static ToolAnnotations Hints(string title, bool readOnly, bool destructive, bool idempotent) => new()
    {
        Title = title,
        ReadOnlyHint = readOnly,
        DestructiveHint = destructive,
        IdempotentHint = idempotent,
        OpenWorldHint = false,
    };
}
