using System.Text.RegularExpressions;

namespace TaskChat.Core.Assistant.Offline;

/// <summary>How people say how much a task matters, and the tool's word for it.</summary>
internal static partial class PriorityWords
{
    private const string Options = "(?:(?:with|as|at|on)\\s+)?(?:a\\s+)?";

    // Order matters: "not urgent" must be read before "urgent" is.
    private static readonly (Regex Pattern, string Priority)[] Phrases =
    [
        (Low(), "low"),
        (High(), "high"),
        (Medium(), "medium"),
        (HighAtEdge(), "high"),
    ];

    /// <summary>Takes the first priority phrase out of <paramref name="text"/>, for a new task's title.</summary>
    public static string Remove(string text, out string? priority)
    {
        foreach (var (pattern, value) in Phrases)
        {
            var match = pattern.Match(text);
            if (!match.Success) continue;
            priority = value;
            return text.Remove(match.Index, match.Length).Insert(match.Index, " ");
        }
        priority = null;
        return text;
    }

    /// <summary>A priority mentioned anywhere, for list filters ("show urgent tasks").</summary>
    public static string? Find(string text) =>
        Low().IsMatch(text) ? "low"
        : High().IsMatch(text) || Adjective().IsMatch(text) ? "high"
        : Medium().IsMatch(text) ? "medium"
        : null;

    /// <summary>The tool's word for a priority named in a change request ("make it urgent").</summary>
    public static string Normalize(string word) => word.ToLowerInvariant() switch
    {
        "low" or "lowest" => "low",
        "medium" or "normal" or "mid" => "medium",
        _ => "high",
    };

    [GeneratedRegex(@"\b" + Options + @"(?:low|lowest)[- ]priority\b|\bpriority\s*[:=]?\s*low\b|\b(?:no\s+rush|not\s+urgent|not\s+important|whenever|some\s?day|eventually)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Low();

    [GeneratedRegex(@"\b" + Options + @"(?:high|highest|top)[- ]priority\b|\bpriority\s*[:=]?\s*high\b|\basap\b|\ba\.s\.a\.p\.?", RegexOptions.IgnoreCase)]
    private static partial Regex High();

    [GeneratedRegex(@"\b" + Options + @"(?:medium|normal|mid)[- ]priority\b|\bpriority\s*[:=]?\s*(?:medium|normal)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Medium();

    // "urgent" and "important" also occur inside titles ("read important email"), so in a new task
    // they count only as a leading label ("urgent: call the bank") or a trailing remark.
    [GeneratedRegex(@"^\s*(?:urgent|important)\s*[:!,\-]+|(?:[\s,;\-]+|^)(?:(?:it'?s|is|very|super|really)\s+)*(?:urgent|important)!*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex HighAtEdge();

    [GeneratedRegex(@"\b(?:urgent|important)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Adjective();
}
