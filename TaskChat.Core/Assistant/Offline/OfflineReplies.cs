using System.Text.Json;
using static TaskChat.Core.Assistant.Offline.MarkdownText;

namespace TaskChat.Core.Assistant.Offline;

/// <summary>The offline assistant's wording. Anything the user or a tool supplied is escaped.</summary>
internal static class OfflineReplies
{
    private const int MaxListed = 10;

    private const string Examples =
        "- \"add buy milk tomorrow at 5pm #errands\"\n" +
        "- \"what's due this week?\"\n" +
        "- \"mark the dentist one done\"\n" +
        "- \"summarize my tasks\"";

    public static string Help() =>
        "I can add, find, change, complete and delete your tasks, and sum them up. Try:\n" + Examples;

    public static string Greeting() => "Hello! I look after your task list. Try:\n" + Examples;

    public static string Thanks() => "Glad to help! Just say if there's anything else.";

    public static string AskWhichTask(OfflineIntent intent) =>
        $"Which task do you mean? Name it or give its number, for example \"{Example(intent, 12)}\".";

    public static string NoMatch(OfflineIntent intent) =>
        $"I couldn't find {(intent.Kind == OfflineIntentKind.Reopen ? "a" : "an")} {State(intent)} task matching {Bold(intent.TaskWords ?? "")}. Say \"show my tasks\" to see them all.";

    public static string WhichOne(OfflineIntent intent, IReadOnlyList<TaskView> tasks, bool maybeMore)
    {
        var count = maybeMore ? $"{tasks.Count} or more" : $"{tasks.Count}";
        return $"{count} tasks match {Bold(intent.TaskWords ?? "")}. Which one do you mean?\n" + Listing(intent, tasks);
    }

    /// <summary>The words were found, but inside other words or outside titles ("call" in "Recall the order").</summary>
    public static string NotNamed(OfflineIntent intent, IReadOnlyList<TaskView> found) =>
        $"No {State(intent)} task is called {Bold(intent.TaskWords ?? "")}, so I changed nothing. "
        + "These mention it; which one do you mean?\n" + Listing(intent, found);

    // A reopened task is looked for among completed ones, everything else among open ones.
    private static string State(OfflineIntent intent) => intent.Kind == OfflineIntentKind.Reopen ? "completed" : "open";

    private static string Listing(OfflineIntent intent, IReadOnlyList<TaskView> tasks)
    {
        var lines = tasks.Take(MaxListed).Select(t => "- " + Line(t, withId: true));
        var more = tasks.Count > MaxListed ? $"\n…and {tasks.Count - MaxListed} more." : "";
        return string.Join('\n', lines) + more + $"\n\nSay it with the number, for example \"{Example(intent, tasks[0].Id)}\".";
    }

    public static string ForResults(OfflineIntent intent, IReadOnlyList<ToolExchange> exchanges) =>
        string.Join("\n\n", exchanges.Select(e => ForResult(intent, e.Result)));

    private static string ForResult(OfflineIntent intent, JsonElement result)
    {
        if (ToolResultJson.String(result, "error") is { } error) return $"Sorry, that didn't work: {Escape(error)}";
        if (result.TryGetProperty("declined", out _)) return "OK, I left your tasks as they are.";
        if (Task(result, "added") is { } added) return $"Added {Bold(added.Title)}{Details(added)}.";
        if (Task(result, "updated") is { } updated) return Updated(updated, result);
        if (Task(result, "completed") is { } completed)
            return Task(result, "next") is { DueText: { } nextDue }
                ? $"Done: {Bold(completed.Title)} is complete; it repeats, next due {Escape(nextDue)}."
                : $"Done: {Bold(completed.Title)} is complete.";
        if (Task(result, "reopened") is { } reopened) return $"Reopened {Bold(reopened.Title)}; it's on your open list again.";
        if (Task(result, "deleted") is { } deleted) return $"Deleted {Bold(deleted.Title)}.";
        if (result.TryGetProperty("tasks", out _)) return Listed(intent.Wording, result);
        if (ToolResultJson.Int(result, "completed_count") is { } completedCount)
            return completedCount == 0 ? "There was nothing left to complete." : $"Done: marked {Count(completedCount, "task")} as complete.";
        if (ToolResultJson.Int(result, "deleted_count") is { } deletedCount)
            return deletedCount == 0 ? "There was nothing to delete." : $"Deleted {Count(deletedCount, "task")}.";
        if (ToolResultJson.Int(result, "open") is { } open) return Summary(result, open);
        return "The task tools answered, but I couldn't read what they said.";
    }

    private static TaskView? Task(JsonElement result, string name) =>
        result.TryGetProperty(name, out var task) && task.ValueKind == JsonValueKind.Object ? TaskView.From(task) : null;

    private static string Details(TaskView task)
    {
        var details = "";
        if (task.DueText is { } due) details += $", due {MidSentence(due)}";
        if (task.Priority is "high" or "low") details += $", {task.Priority} priority";
        if (task.Tags.Count > 0) details += ", tagged " + string.Join(", ", task.Tags.Select(Escape));
        return details;
    }

    private static string Updated(TaskView task, JsonElement result)
    {
        var changed = result.TryGetProperty("changed", out var names) && names.ValueKind == JsonValueKind.Array
            ? names.EnumerateArray().Select(n => n.GetString()).ToList()
            : [];
        if (changed.Count == 0) return $"Nothing changed: {Bold(task.Title)} already looked like that.";

        var notes = new List<string>();
        if (changed.Contains("due")) notes.Add(task.DueText is { } due ? $"now due {MidSentence(due)}" : "no due date");
        if (changed.Contains("priority")) notes.Add($"{Escape(task.Priority ?? "medium")} priority");
        if (changed.Contains("tags")) notes.Add(task.Tags.Count > 0 ? "tagged " + string.Join(", ", task.Tags.Select(Escape)) : "no tags");
        if (changed.Contains("description")) notes.Add("new description");
        var head = changed.Contains("title") ? $"Renamed it to {Bold(task.Title)}" : $"Updated {Bold(task.Title)}";
        return notes.Count == 0 ? head + "." : $"{head}: {string.Join(", ", notes)}.";
    }

    private static string Listed(ListWording wording, JsonElement result)
    {
        var tasks = ToolResultJson.Tasks(result);
        var total = Math.Max(ToolResultJson.Int(result, "total") ?? tasks.Count, tasks.Count);
        var adjectives = string.Concat(wording.Adjectives.Select(a => a + " "));
        var qualifiers = string.Concat(wording.Qualifiers.Select(q => " " + q));
        if (total == 0) return Nothing(wording, adjectives, qualifiers);

        var shown = tasks.Take(MaxListed).ToList();
        var noun = total == 1 ? "task" : "tasks";
        var text = $"You have {total} {adjectives}{noun}{qualifiers}:\n" + string.Join('\n', shown.Select(t => "- " + Line(t, withId: false)));
        return total > shown.Count ? text + $"\n…and {total - shown.Count} more." : text;
    }

    private static string Nothing(ListWording wording, string adjectives, string qualifiers) => wording switch
    {
        { Adjectives: [], Qualifiers: [] } => "Your list is empty. Try \"add buy milk tomorrow\".",
        { Adjectives: [], Qualifiers: [var only] } when only.StartsWith("due ", StringComparison.Ordinal) => $"Nothing is {only}.",
        { Adjectives: ["overdue"], Qualifiers: [] } => "Nothing is overdue.",
        _ => $"You have no {adjectives}tasks{qualifiers}.",
    };

    private static string Summary(JsonElement result, int open)
    {
        if (open == 0) return "You have no open tasks. Nice work!";
        var overdue = ToolResultJson.Int(result, "overdue") ?? 0;
        var today = ToolResultJson.Int(result, "due_today") ?? 0;
        var week = ToolResultJson.Int(result, "due_this_week") ?? 0;
        var text = $"You have {Count(open, "open task")}: {overdue} overdue, {today} due today and {week} due this week.";
        if (result.TryGetProperty("by_priority", out var byPriority) && byPriority.ValueKind == JsonValueKind.Object)
        {
            int Of(string name) => ToolResultJson.Int(byPriority, name) ?? 0;
            text += $" By priority: {Of("high")} high, {Of("medium")} medium, {Of("low")} low.";
        }
        return overdue > 0 ? text + " Say \"list overdue tasks\" to see the late ones." : text;
    }

    /// <summary>"- **Title** (id 3, due Tomorrow, high priority)".</summary>
    private static string Line(TaskView task, bool withId)
    {
        var notes = new List<string>();
        if (withId) notes.Add($"id {task.Id}");
        if (task.DueText is { } due) notes.Add($"due {Escape(due)}");
        if (task.Overdue) notes.Add("overdue");
        if (task.Priority == "high") notes.Add("high priority");
        if (task.Completed) notes.Add("done");
        return notes.Count == 0 ? Bold(task.Title) : $"{Bold(task.Title)} ({string.Join(", ", notes)})";
    }

    // The dashboard's labels start with a capital ("Tomorrow 17:00"); inside a sentence the day words read lower-case.
    private static string MidSentence(string dueText) =>
        Escape(dueText.StartsWith("Today", StringComparison.Ordinal) || dueText.StartsWith("Tomorrow", StringComparison.Ordinal)
            || dueText.StartsWith("Yesterday", StringComparison.Ordinal)
            ? char.ToLowerInvariant(dueText[0]) + dueText[1..]
            : dueText);

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    // How to say the same request by number, so a follow-up message needs no memory of this one.
    private static string Example(OfflineIntent intent, int id)
    {
        var args = intent.Arguments;
        return Escape(intent.Kind switch
        {
            OfflineIntentKind.Reopen => $"reopen task {id}",
            OfflineIntentKind.Delete => $"delete task {id}",
            OfflineIntentKind.Update when args.TryGetValue("title", out var title) => $"rename task {id} to {title}",
            OfflineIntentKind.Update when args.TryGetValue("due", out var due) => $"move task {id} to {due}",
            OfflineIntentKind.Update when args.TryGetValue("priority", out var priority) => $"make task {id} {priority} priority",
            _ => $"complete task {id}",
        });
    }
}
