using System.Globalization;
using System.Text.RegularExpressions;

namespace TaskChat.Core.Assistant.Offline;

/// <summary>
/// How a request names a task: by number ("task 12", "#12", "tasks 3 and 4") or by words ("the
/// dentist one" → "dentist"). Words become list_tasks' text filter, a substring match, so the
/// filler around them has to go.
/// </summary>
internal static partial class TaskReference
{
    private static readonly HashSet<string> Filler = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "one", "ones", "task", "tasks", "item", "items", "todo", "to-do", "reminder", "entry",
        "my", "that", "this", "called", "named", "titled", "about", "thing", "it", "please", "again", "now", "for", "with", "on", "of",
    };

    // "all of my open tasks", "everything on the list", "every single one", "them all": words that
    // say "every task" and name none.
    private static readonly HashSet<string> EveryWord = new(StringComparer.Ordinal) { "all", "every", "everything", "each", "whole", "entire" };

    private static readonly HashSet<string> EveryFiller = new(Filler.Select(f => f.ToLowerInvariant()), StringComparer.Ordinal)
    {
        "them", "single", "open", "remaining", "outstanding", "pending", "current", "list", "lot", "stuff", "things",
        "to", "do", "dos", "todos", "in", "from", "off", "left", "out", "at", "once", "s",
    };

    /// <summary>
    /// The target is every task, not one named task: "all my tasks", "everything", "all of them".
    /// Such a request is a bulk one, never a search for a title containing "all".
    /// </summary>
    public static bool MeansEveryTask(string target)
    {
        var words = TaskNameMatch.Tokens(target);
        return words.Any(EveryWord.Contains) && words.All(w => EveryWord.Contains(w) || EveryFiller.Contains(w));
    }

    public static (IReadOnlyList<int> Ids, string Words) Parse(string target)
    {
        var match = IdList().Match(target.Trim());
        if (match.Success)
            return (match.Groups["id"].Captures.Select(c => int.Parse(c.Value, CultureInfo.InvariantCulture)).Distinct().ToList(), "");
        return ([], StripFiller(target));
    }

    /// <summary>Drops quotes and filler words from both ends: "the one about the dentist" → "dentist".</summary>
    public static string StripFiller(string words)
    {
        var parts = TitleText.Clean(words).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (parts.Count > 0 && Filler.Contains(parts[0])) parts.RemoveAt(0);
        while (parts.Count > 0 && Filler.Contains(parts[^1])) parts.RemoveAt(parts.Count - 1);
        return TitleText.Clean(string.Join(' ', parts));
    }

    private const string Id = @"(?:(?:tasks?|items?|numbers?|no\.?|ids?)\s*)?#?(?<id>\d{1,9})";

    [GeneratedRegex(@"^(?:the\s+)?" + Id + @"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)" + Id + @")*$", RegexOptions.IgnoreCase)]
    private static partial Regex IdList();
}
