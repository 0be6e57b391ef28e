using System.ComponentModel;
using Microsoft.SemanticKernel;
using TaskChat.Core.Assistant.Dates;
using TaskChat.Core.Data;
using TaskChat.Core.Tasks;

namespace TaskChat.Core.Assistant.Tools;

/// <summary>
/// The assistant's task tools as a Semantic Kernel plugin, bound to one user and their time zone for
/// one run: no tool takes a user id, so the model cannot choose whose tasks it touches. Every function
/// returns JSON and never throws for bad input: a problem comes back as {"error": "..."} the model can
/// act on. Parameter names are snake_case because they are the names the model sees and sends.
/// <see cref="TaskKernel"/> registers it and offers its functions to the model.
/// </summary>
public sealed class TaskPlugin(TaskService tasks, string userId, TimeZoneInfo zone, TimeProvider clock)
{
    public const int ListCap = 25;

    private const string DueHelp = "ISO 8601 (2026-03-12T17:00) or words such as today, tomorrow 5pm, next friday, in 3 days, 12 March; read in the user's time zone. A day without a time means the end of that day.";

    private const string RepeatHelp = "an RFC 5545 RRULE such as FREQ=DAILY, FREQ=WEEKLY;BYDAY=MO,WE, FREQ=WEEKLY;INTERVAL=2;BYDAY=FR, FREQ=MONTHLY;BYMONTHDAY=1, FREQ=MONTHLY;BYDAY=-1FR, FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24, optionally ;UNTIL=20271231 or ;COUNT=5. Needs a due date, which is the first occurrence and gives the time of day.";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    [KernelFunction(ToolNames.AddTask)]
    [Description("Add a task to the user's list.")]
    public Task<string> AddTaskAsync(
        [Description("A short title, e.g. 'Buy milk'.")] string title,
        [Description("Longer notes (optional).")] string? description = null,
        [Description("When it is due (optional): " + DueHelp)] string? due = null,
        [Description("low, medium (default) or high. 'urgent' and 'asap' mean high.")] string? priority = null,
        [Description("Up to 10 short labels (optional).")] string[]? tags = null,
        [Description("How it repeats (optional): " + RepeatHelp)] string? repeat = null,
        CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            var dueUtc = ParseDue(due);
            var level = ParsePriority(priority);
            var rule = repeat is null || IsNone(repeat) ? null : repeat;
            var draft = new TaskDraft(title, description, level, dueUtc, tags, HasTime(dueUtc), rule);
            var task = await tasks.CreateAsync(userId, draft, cancellationToken);
            return new { added = ToolJson.Task(task, Now, zone) };
        });

    [KernelFunction(ToolNames.ListTasks)]
    [Description("List the user's tasks, soonest due first, optionally filtered. Use it to find a task's id.")]
    public Task<string> ListTasksAsync(
        [Description("true for completed tasks only, false for open tasks only; leave out for both.")] bool? completed = null,
        [Description("low, medium or high.")] string? priority = null,
        [Description("Only tasks with this tag.")] string? tag = null,
        [Description("Only tasks due before this moment: " + DueHelp + " Use 'now' with completed=false for overdue tasks.")] string? due_before = null,
        [Description("Only tasks due at or after this moment: " + DueHelp)] string? due_after = null,
        [Description("Words to look for in titles, descriptions and tags.")] string? text = null,
        CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            var query = new TaskQuery
            {
                Status = completed switch { true => TaskStatusFilter.Done, false => TaskStatusFilter.Open, null => TaskStatusFilter.All },
                Priority = ParsePriority(priority),
                Tag = tag,
                DueBeforeUtc = ParseDue(due_before, nameof(due_before)),
                DueFromUtc = ParseDue(due_after, nameof(due_after)),
                Text = text,
                Take = ListCap,
            };
            var page = await tasks.QueryAsync(userId, query, cancellationToken);
            return new { total = page.TotalCount, tasks = page.Items.Select(t => ToolJson.Task(t, Now, zone)), truncated = page.TotalCount > page.Items.Count };
        });

    [KernelFunction(ToolNames.UpdateTask)]
    [Description("Change a task's title, description, due date, priority, tags or repeat rule. Only the fields given change.")]
    public Task<string> UpdateTaskAsync(
        [Description("The task's id, from list_tasks.")] int task_id,
        [Description("New title.")] string? title = null,
        [Description("New description; an empty string clears it.")] string? description = null,
        [Description("New due date: " + DueHelp + " Use 'none' to remove the due date.")] string? due = null,
        [Description("low, medium or high.")] string? priority = null,
        [Description("The complete new list of tags (replaces the old ones).")] string[]? tags = null,
        [Description("New repeat rule: " + RepeatHelp + " Use 'none' to stop repeating.")] string? repeat = null,
        CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            var changed = new List<string>();
            var patch = new TaskPatch();
            if (title is not null) { patch = patch with { Title = title }; changed.Add("title"); }
            if (description is not null) { patch = patch with { Description = description }; changed.Add("description"); }
            if (due is not null)
            {
                var dueUtc = IsNone(due) ? null : ParseDue(due);
                patch = patch with { DueUtc = dueUtc, DueHasTime = HasTime(dueUtc) };
                changed.Add("due");
            }
            if (repeat is not null) { patch = patch with { Recurrence = IsNone(repeat) ? null : repeat }; changed.Add("repeat"); }
            if (ParsePriority(priority) is { } level) { patch = patch with { Priority = level }; changed.Add("priority"); }
            if (tags is not null) { patch = patch with { Tags = new Optional<IEnumerable<string>?>(tags) }; changed.Add("tags"); }
            if (changed.Count == 0) throw new ToolInputException("Nothing to change: give at least one of title, description, due, priority, tags or repeat.");
            var task = await tasks.UpdateAsync(userId, task_id, patch, cancellationToken);
            return new { updated = ToolJson.Task(task, Now, zone), changed };
        });

    [KernelFunction(ToolNames.CompleteTask)]
    [Description("Mark a task as done, or (completed=false) reopen it. Completing a repeating task moves it to its next occurrence.")]
    public Task<string> CompleteTaskAsync(
        [Description("The task's id, from list_tasks.")] int task_id,
        [Description("true to complete (default), false to reopen.")] bool completed = true,
        CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            if (!completed) return new { reopened = ToolJson.Task(await tasks.SetCompletedAsync(userId, task_id, false, cancellationToken), Now, zone) };
            var done = await tasks.CompleteAsync(userId, task_id, cancellationToken);
            if (done.HistoryId is not { } historyId) return new { completed = ToolJson.Task(done.Task, Now, zone) };
            // The occurrence done is the completed copy; the task itself now waits for its next due.
            var occurrence = await tasks.GetAsync(userId, historyId, cancellationToken);
            return new { completed = ToolJson.Task(occurrence, Now, zone), next = ToolJson.Task(done.Task, Now, zone) };
        });

    [KernelFunction(ToolNames.DeleteTask)]
    [Description("Delete one task.")]
    public Task<string> DeleteTaskAsync(
        [Description("The task's id, from list_tasks.")] int task_id,
        CancellationToken cancellationToken = default) =>
        Guard(async () => new { deleted = ToolJson.Task(await tasks.DeleteAsync(userId, task_id, cancellationToken), Now, zone) });

    [KernelFunction(ToolNames.CompleteAllTasks)]
    [Description("Mark every open task as done. The user is asked to confirm first.")]
    public Task<string> CompleteAllTasksAsync(CancellationToken cancellationToken = default) =>
        Guard(async () => new { completed_count = await tasks.CompleteAllAsync(userId, cancellationToken) });

    [KernelFunction(ToolNames.DeleteAllTasks)]
    [Description("Delete every task of the user. The user is asked to confirm first.")]
    public Task<string> DeleteAllTasksAsync(CancellationToken cancellationToken = default) =>
        Guard(async () => new { deleted_count = await tasks.DeleteAllAsync(userId, cancellationToken) });

    [KernelFunction(ToolNames.SummarizeTasks)]
    [Description("Counts of open tasks: total, overdue, due today, due this week (to Sunday), and by priority.")]
    public Task<string> SummarizeTasksAsync(CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            var c = await tasks.CountAsync(userId, zone, cancellationToken);
            return new { open = c.Open, overdue = c.Overdue, due_today = c.DueToday, due_this_week = c.DueThisWeek, by_priority = new { high = c.High, medium = c.Medium, low = c.Low } };
        });

    // Domain failures become a sentence the model can act on; anything else the function invoker
    // reports (see Runs/TaskToolInvoker).
    private static async Task<string> Guard(Func<Task<object>> tool)
    {
        try
        {
            return ToolJson.Serialize(await tool());
        }
        catch (TaskNotFoundException e)
        {
            return ToolJson.Error($"No task with id {e.TaskId}. Use list_tasks to find the right id.");
        }
        catch (Exception e) when (e is TaskValidationException or ToolInputException or StoreBusyException)
        {
            return ToolJson.Error(e.Message);
        }
    }

    private DateTime? ParseDue(string? text, string argument = "due")
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DuePhrase.TryResolve(text, Now, zone, out var due)
            ? due
            : throw new ToolInputException($"Could not understand {argument} \"{Shorten(text)}\". Use {DueHelp}");
    }

    // A day without a time resolves to the end of that day (DuePhrase.EndOfDay): that is a day, not a moment.
    private bool HasTime(DateTime? dueUtc) =>
        dueUtc is { } due && TimeZoneInfo.ConvertTimeFromUtc(due, zone).TimeOfDay != DuePhrase.EndOfDay;

    private static TaskPriority? ParsePriority(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "low" or "someday" => TaskPriority.Low,
        "medium" or "normal" => TaskPriority.Medium,
        "high" or "urgent" or "asap" or "important" => TaskPriority.High,
        _ => throw new ToolInputException($"Priority must be low, medium or high, not \"{Shorten(text)}\"."),
    };

    private static bool IsNone(string text) => text.Trim().ToLowerInvariant() is "none" or "no" or "null" or "clear" or "remove" or "";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private sealed class ToolInputException(string message) : Exception(message);
}
