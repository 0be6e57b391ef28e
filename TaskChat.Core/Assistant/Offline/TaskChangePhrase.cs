using System.Text.RegularExpressions;
using TaskChat.Core.Assistant.Dates;

namespace TaskChat.Core.Assistant.Offline;

/// <summary>
/// Requests about one existing task: rename, change priority, move its due date, reopen, complete,
/// delete. Checked in that order, because "mark X as high priority" and "mark X as not done" would
/// otherwise read as "mark X as done".
/// </summary>
internal static partial class TaskChangePhrase
{
    public static OfflineIntent? TryParse(string request, DateTime nowUtc) =>
        Rename(request) ?? Reprioritize(request) ?? Reschedule(request, nowUtc)
        ?? Simple(Reopen(), OfflineIntentKind.Reopen, request, new() { ["completed"] = false })
        ?? Simple(Complete(), OfflineIntentKind.Complete, request, new() { ["completed"] = true })
        ?? Simple(Delete(), OfflineIntentKind.Delete, request, new());

    private static OfflineIntent? Rename(string request)
    {
        var match = RenamePattern().Match(request);
        var title = TitleText.Capitalized(TitleText.Clean(match.Groups["title"].Value));
        return match.Success && title.Length > 0 ? About(OfflineIntentKind.Update, match.Groups["target"].Value, new() { ["title"] = title }) : null;
    }

    private static OfflineIntent? Reprioritize(string request)
    {
        var match = PriorityPattern().Match(request);
        if (!match.Success) return null;
        var priority = match.Groups["p"].Success ? PriorityWords.Normalize(match.Groups["p"].Value)
            : match.Groups["up"].Success ? "high"
            : "low";
        return About(OfflineIntentKind.Update, match.Groups["target"].Value, new() { ["priority"] = priority });
    }

    private static OfflineIntent? Reschedule(string request, DateTime nowUtc)
    {
        var match = ReschedulePattern().Match(request);
        if (!match.Success) return null;
        var rest = match.Groups["rest"].Value;
        if (TrailingDue(rest, nowUtc) is not { } due) return null;
        var target = TitleText.TrimMoveConnectors(rest[..due.Start]);
        return target.Length > 0 ? About(OfflineIntentKind.Update, target, new() { ["due"] = due.Text }) : null;
    }

    // The new date closes the sentence ("move the friday meeting to monday"), so the match that ends
    // the text is the one wanted, not necessarily the first or longest.
    private static DuePhraseMatch? TrailingDue(string text, DateTime nowUtc)
    {
        var offset = 0;
        while (DuePhrase.Find(text[offset..], nowUtc, TimeZoneInfo.Utc) is { } found)
        {
            var start = offset + found.Start;
            var end = start + found.Length;
            if (start > 0 && TitleText.Clean(text[end..]).Length == 0) return found with { Start = start };
            offset = end;
        }
        return null;
    }

    private static OfflineIntent? Simple(Regex pattern, OfflineIntentKind kind, string request, Dictionary<string, object?> arguments)
    {
        var match = pattern.Match(request);
        return match.Success ? About(kind, match.Groups["target"].Value, arguments) : null;
    }

    private static OfflineIntent About(OfflineIntentKind kind, string target, Dictionary<string, object?> arguments)
    {
        // "get rid of all my tasks" is about every task: the bulk tools, which the user confirms
        // first. One-task changes have no bulk tool, so with no task named they ask which one.
        if (TaskReference.MeansEveryTask(target))
            return kind switch
            {
                OfflineIntentKind.Delete => new OfflineIntent(OfflineIntentKind.DeleteAll),
                OfflineIntentKind.Complete => new OfflineIntent(OfflineIntentKind.CompleteAll),
                _ => new OfflineIntent(kind) { Arguments = arguments },
            };
        var (ids, words) = TaskReference.Parse(target);
        return new OfflineIntent(kind) { TaskIds = ids, TaskWords = words, Arguments = arguments };
    }

    [GeneratedRegex(
        @"^(?:(?:rename|retitle)\s+(?<target>.+?)\s+(?:to|as|into)\s+(?<title>.+)" +
        @"|(?:change|set|update|edit)\s+(?:the\s+)?(?:title|name)\s+(?:of|for|on)\s+(?<target>.+?)\s+to\s+(?<title>.+))$",
        RegexOptions.IgnoreCase)]
    private static partial Regex RenamePattern();

    private const string PriorityOf = @"\s+(?:the\s+)?priority\s+(?:of|on|for)";

    [GeneratedRegex(
        @"^(?:(?:make|mark|set|flag|change|put)\s+(?<target>.+?)\s+(?:to\s+|as\s+|at\s+)?(?:an?\s+)?(?<p>high|highest|top|low|lowest|medium|normal)[- ]priority" +
        @"|(?:make|mark|flag|set)\s+(?<target>.+?)\s+(?:as\s+)?(?<p>urgent|important)" +
        @"|(?:set|change|update|make|put)\s+(?:the\s+)?priority\s+(?:of|for|on)\s+(?<target>.+?)\s+(?:to|as|at)\s+(?<p>high|top|low|medium|normal|urgent)" +
        @"|(?<up>prioriti[sz]e|escalate|(?:raise|increase|bump\s+up)" + PriorityOf + @")\s+(?<target>.+)" +
        @"|(?<down>de-?prioriti[sz]e|(?:lower|decrease|reduce|drop)" + PriorityOf + @")\s+(?<target>.+))$",
        RegexOptions.IgnoreCase)]
    private static partial Regex PriorityPattern();

    [GeneratedRegex(
        @"^(?:(?:move|postpone|reschedule|push(?:\s+back)?|delay|defer|shift|bump|put\s+off)\s+(?:the\s+)?(?:due\s+date|deadline)\s+(?:of|for|on)\s+(?<rest>.+)" +
        @"|(?:change|set|update)\s+(?:the\s+)?(?:due\s+date|deadline|due|date)\s+(?:of|for|on)\s+(?<rest>.+)" +
        @"|(?:move|postpone|reschedule|push(?:\s+back)?|delay|defer|shift|bump|put\s+off)\s+(?<rest>.+)" +
        @"|(?:make|set)\s+(?<rest>.+?\bdue\b.+))$",
        RegexOptions.IgnoreCase)]
    private static partial Regex ReschedulePattern();

    [GeneratedRegex(
        @"^(?:(?:reopen|re-open|uncomplete|un-complete|untick|uncheck|unmark|undo|restore)\s+(?<target>.+?)" +
        @"|(?:mark|set|put|flag)\s+(?<target>.+?)\s+(?:as\s+|back\s+(?:to\s+|as\s+)?)?(?:not\s+(?:yet\s+)?(?:done|complete|completed|finished)|undone|incomplete|unfinished|uncompleted|open|to\s?do|to-do|pending|active)(?:\s+again)?" +
        @"|(?<target>.+?)\s+(?:isn't|isnt|is\s+not|wasn't|was\s+not)\s+(?:actually\s+|really\s+)?(?:done|finished|complete|completed)(?:\s+yet)?)$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Reopen();

    [GeneratedRegex(
        @"^(?:(?:mark|set|flag)\s+(?<target>.+?)\s+(?:as\s+)?(?:done|complete|completed|finished|checked|ticked)" +
        @"|(?:tick|check|cross)\s+(?<target>.+?)\s+off(?:\s+(?:my|the)\s+list)?" +
        @"|(?:complete|tick\s+off|check\s+off|cross\s+off|close)\s+(?<target>.+?)" +
        @"|done\s*[:\-,]?\s*(?:with\s+)?(?<target>.+?)" +
        @"|i(?:'ve|\s+have)?\s+(?:just\s+|already\s+|now\s+)?(?:finished|completed|done|did|ticked\s+off|checked\s+off)\s+(?<target>.+?)" +
        @"|finished\s*:?\s*(?<target>.+?)" +
        @"|(?<target>.+?)\s+(?:is|are)\s+(?:now\s+|all\s+)?(?:done|finished|complete|completed))$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Complete();

    [GeneratedRegex(
        @"^(?:delete|remove|drop|erase|trash|bin|cancel|scrap|discard|get\s+rid\s+of|forget\s+about|nuke)\s+(?<target>.+?)" +
        @"(?:\s+(?:from|off)\s+(?:my|the)\s+(?:task\s+|to-?do\s+)?list)?$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Delete();
}
