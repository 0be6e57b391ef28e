using System.Text.RegularExpressions;
using TaskChat.Core.Assistant.Dates;
using static TaskChat.Core.Assistant.Offline.MarkdownText;

namespace TaskChat.Core.Assistant.Offline;

/// <summary>
/// "show my tasks", "what's due this week?", "list overdue tasks", "tasks tagged work", "find milk":
/// list_tasks with the filters the words ask for.
/// </summary>
/// <remarks>
/// Day windows are sent as exact midnight boundaries ("start of today" … "start of tomorrow") rather
/// than as "today": a bare date means 23:59, which would leave out tasks due at exactly 23:59, the
/// time every dated task without a clock time gets. Windows list open tasks only unless the user
/// asks for completed ones.
/// </remarks>
internal static partial class ListPhrase
{
    private sealed record DueRange(string? After, string? Before, string Words);

    public static OfflineIntent? TryParse(string request, DateTime nowUtc)
    {
        if (Search().Match(request) is { Success: true } search && !HasFilters(search.Groups["q"].Value)
            && TaskReference.StripFiller(search.Groups["q"].Value) is { Length: > 0 } words)
        {
            return new OfflineIntent(OfflineIntentKind.List)
            {
                Arguments = new Dictionary<string, object?> { ["text"] = words },
                Wording = new ListWording([], [$"matching {Bold(words)}"]),
            };
        }
        // "tell me a joke" starts like a list request; only with something about tasks is it one.
        if (!TaskNoun().IsMatch(request) && !(ListVerb().IsMatch(request) && FilterWord().IsMatch(request))) return null;

        var arguments = new Dictionary<string, object?>();
        var adjectives = new List<string>();
        var qualifiers = new List<string>();
        if (Overdue().IsMatch(request))
        {
            arguments["completed"] = false;
            arguments["due_before"] = "now";
            adjectives.Add("overdue");
        }
        else if (DueRangeIn(request, nowUtc) is { } range)
        {
            arguments["completed"] = false;
            if (range.After is not null) arguments["due_after"] = range.After;
            if (range.Before is not null) arguments["due_before"] = range.Before;
            qualifiers.Add(range.Words);
        }

        if (Open().IsMatch(request))
        {
            if (arguments.TryAdd("completed", false)) adjectives.Add("open");
        }
        else if (Done().IsMatch(request) && !adjectives.Contains("overdue"))
        {
            arguments["completed"] = true;
            adjectives.Add("completed");
        }
        if (PriorityWords.Find(request) is { } priority)
        {
            arguments["priority"] = priority;
            adjectives.Add($"{priority} priority");
        }
        if (TagWords.Find(request) is { } tag)
        {
            arguments["tag"] = tag;
            qualifiers.Add($"tagged {Bold(tag)}");
        }
        return new OfflineIntent(OfflineIntentKind.List) { Arguments = arguments, Wording = new ListWording(adjectives, qualifiers) };
    }

    private static bool HasFilters(string query) =>
        TagWords.Find(query) is not null || PriorityWords.Find(query) is not null || Overdue().IsMatch(query);

    private static DueRange? DueRangeIn(string request, DateTime nowUtc)
    {
        if (Bound().Match(request) is { Success: true } bound
            && DuePhrase.Find(bound.Groups["when"].Value, nowUtc, TimeZoneInfo.Utc) is { Start: 0 } when)
        {
            // A date alone ("by friday") bounds whole days; a phrase with a clock time is exact.
            var dateOnly = DuePhrase.TryResolve("start of " + when.Text, nowUtc, TimeZoneInfo.Utc, out _);
            var words = Escape(when.Text);
            return bound.Groups["op"].Value.ToLowerInvariant() switch
            {
                "after" => new DueRange(dateOnly ? when.Text + " midnight" : when.Text, null, $"due after {words}"),
                "before" => new DueRange(null, dateOnly ? "start of " + when.Text : when.Text, $"due before {words}"),
                _ => new DueRange(null, dateOnly ? when.Text + " midnight" : when.Text, $"due by {words}"),
            };
        }
        if (Today().IsMatch(request)) return new DueRange("start of today", "start of tomorrow", "due today");
        if (Tomorrow().IsMatch(request)) return new DueRange("start of tomorrow", "tomorrow midnight", "due tomorrow");
        if (ThisWeek().IsMatch(request)) return new DueRange("start of today", "start of next week", "due this week");
        if (NextWeek().IsMatch(request)) return new DueRange("start of next week", "start of the week after next", "due next week");
        return null;
    }

    [GeneratedRegex(
        @"^(?:find|search(?:\s+for)?|look\s+(?:for|up)|lookup|where(?:'s|\s+is)" +
        @"|(?:show|list|find)\s+(?:me\s+)?(?:my\s+|all\s+)?(?:the\s+)?(?:tasks?|to-?dos?)\s+(?:about|mentioning|containing|matching)" +
        @"|any(?:thing)?\s+(?:tasks?\s+)?(?:about|mentioning|containing)|tasks?\s+(?:about|mentioning|containing|matching))\s+(?<q>.+)$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Search();

    [GeneratedRegex(@"\b(?:tasks?|to-?dos?|list|agenda|plate|everything)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TaskNoun();

    [GeneratedRegex(
        @"^(?:show|list|display|view|see|get|give\s+me|tell\s+me|what|what's|whats|which|do\s+i\s+have|have\s+i\s+got|any|anything|how\s+many|is\s+there|are\s+there|find)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex ListVerb();

    [GeneratedRegex(
        @"#\w|\b(?:due|overdue|late|today|tonight|tomorrow|week|priority|urgent|important|tagged|completed|done|finished|open|pending|left|outstanding|remaining)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex FilterWord();

    [GeneratedRegex(@"\b(?:overdue|late|past\s+due|missed|behind)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Overdue();

    [GeneratedRegex(@"\b(?:open|pending|incomplete|unfinished|outstanding|remaining|left|not\s+(?:yet\s+)?(?:done|finished|completed)|active|to\s+do|to-?do|todo|undone)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Open();

    // "what do I have to get done" is not asking for finished tasks.
    [GeneratedRegex(@"(?<!\b(?:get|be|to)\s+)\b(?:completed|done|finished|closed|ticked\s+off|checked\s+off)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Done();

    [GeneratedRegex(@"\b(?<op>before|by|until|till|after)\s+(?<when>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Bound();

    [GeneratedRegex(@"\b(?:today|tonight)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Today();

    [GeneratedRegex(@"\btomorrow\b", RegexOptions.IgnoreCase)]
    private static partial Regex Tomorrow();

    [GeneratedRegex(@"\b(?:this|the)\s+week\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThisWeek();

    [GeneratedRegex(@"\bnext\s+week\b", RegexOptions.IgnoreCase)]
    private static partial Regex NextWeek();
}
