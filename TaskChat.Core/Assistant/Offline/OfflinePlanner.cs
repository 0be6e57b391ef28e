using TaskChat.Core.Assistant.Tools;

namespace TaskChat.Core.Assistant.Offline;

/// <summary>
/// Decides the next step from the intent and the tool calls already made for it. A request takes at
/// most two rounds: a lookup by words (list_tasks) when the task was not named by number, then the
/// action itself; after the last round the answer describes what the tools returned.
/// </summary>
internal static class OfflinePlanner
{
    public static OfflineStep Next(OfflineIntent intent, IReadOnlyList<IReadOnlyList<ToolExchange>> rounds)
    {
        if (rounds.Count == 0) return Start(intent);
        if (intent.NeedsLookup && rounds.Count == 1 && rounds[0] is [{ Name: ToolNames.ListTasks } lookup])
            return Resolve(intent, lookup);
        return new OfflineStep.Answer(OfflineReplies.ForResults(intent, rounds[^1]));
    }

    private static OfflineStep Start(OfflineIntent intent)
    {
        switch (intent.Kind)
        {
            case OfflineIntentKind.Greeting: return new OfflineStep.Answer(OfflineReplies.Greeting());
            case OfflineIntentKind.Thanks: return new OfflineStep.Answer(OfflineReplies.Thanks());
            case OfflineIntentKind.Help: return new OfflineStep.Answer(OfflineReplies.Help());
        }
        if (!intent.TargetsOneTask) return Calls(new PlannedCall(intent.Tool!, intent.Arguments));
        if (intent.TaskIds.Count > 0) return Calls([.. intent.TaskIds.Select(id => Action(intent, id))]);
        if (!intent.NeedsLookup) return new OfflineStep.Answer(OfflineReplies.AskWhichTask(intent));

        // A reopened task is a completed one; everything else is done to open tasks.
        var completed = intent.Kind == OfflineIntentKind.Reopen;
        return Calls(new PlannedCall(ToolNames.ListTasks, new Dictionary<string, object?> { ["text"] = intent.TaskWords, ["completed"] = completed }));
    }

    private static OfflineStep Resolve(OfflineIntent intent, ToolExchange lookup)
    {
        if (!lookup.Result.TryGetProperty("tasks", out _)) return new OfflineStep.Answer(OfflineReplies.ForResults(intent, [lookup]));
        var found = ToolResultJson.Tasks(lookup.Result);
        if (found.Count == 0) return new OfflineStep.Answer(OfflineReplies.NoMatch(intent));

        // Acting on a guess cannot be undone: only a task named by whole words, and only when it is
        // the one such task among all the lookup found (a truncated list may hide a second one).
        var words = intent.TaskWords ?? "";
        var named = TaskNameMatch.Named(words, found);
        var seenAll = (ToolResultJson.Int(lookup.Result, "total") ?? found.Count) <= found.Count;
        if (seenAll && named.Count == 1) return Calls(Action(intent, named[0].Id));

        // "complete buy milk" next to "Buy milk powder": the title that is exactly the words is the one meant.
        var whole = named.Where(t => TaskNameMatch.IsWhole(words, t)).ToList();
        if (seenAll && whole.Count == 1) return Calls(Action(intent, whole[0].Id));

        return new OfflineStep.Answer(named.Count == 0
            ? OfflineReplies.NotNamed(intent, found)
            : OfflineReplies.WhichOne(intent, named, maybeMore: !seenAll));
    }

    private static PlannedCall Action(OfflineIntent intent, int taskId)
    {
        var arguments = new Dictionary<string, object?> { ["task_id"] = taskId };
        foreach (var (name, value) in intent.Arguments) arguments[name] = value;
        return new PlannedCall(intent.Tool!, arguments);
    }

    private static OfflineStep.CallTools Calls(params PlannedCall[] calls) => new(calls);
}
