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
