using System.Text.RegularExpressions;
using TaskChat.Core.Assistant.Dates;

namespace TaskChat.Core.Assistant.Offline;

/// <summary>
/// "add buy milk tomorrow", "remind me to call mum on friday at 5pm", "new task: pay rent #home
/// urgent": the title is what remains once the due phrase, tags and priority words are cut out.
/// </summary>
internal static partial class AddTaskPhrase
{
    public static OfflineIntent? TryParse(string request, DateTime nowUtc)
    {
        var prefix = Prefix().Match(request);
        if (!prefix.Success) return null;
        var rest = ListSuffix().Replace(prefix.Groups["rest"].Value, " ");

        string? description = null;
        if (Description().Match(rest) is { Success: true } described)
        {
            description = described.Groups["text"].Value.Trim();
            rest = rest[..described.Index];
        }

        // A quoted title is taken as written, even if it contains a date: add "meeting on friday" notes.
        string? quotedTitle = null;
        if (Quoted().Match(rest) is { Success: true } quoted)
        {
            quotedTitle = quoted.Groups["title"].Value.Trim();
            rest = quoted.Groups["rest"].Value;
        }

        var tags = new List<string>();
        rest = TagWords.Remove(rest, tags);
        rest = PriorityWords.Remove(rest, out var priority);
        // Only where the phrase sits matters here; the tool resolves it again in the user's own zone.
        var due = DuePhrase.Find(rest, nowUtc, TimeZoneInfo.Utc);
        if (due is not null) rest = TitleText.CutOut(rest, due);

        var title = quotedTitle ?? TitleText.Capitalized(TitleText.Clean(rest));
        if (title.Length == 0) return new OfflineIntent(OfflineIntentKind.Help);

        var arguments = new Dictionary<string, object?> { ["title"] = title };
        if (!string.IsNullOrEmpty(description)) arguments["description"] = description;
        if (due is not null) arguments["due"] = due.Text;
        if (priority is not null) arguments["priority"] = priority;
        if (tags.Count > 0) arguments["tags"] = tags.Distinct().ToArray();
        return new OfflineIntent(OfflineIntentKind.Add) { Arguments = arguments };
    }

    private const string TaskWord = @"(?:task|todo|to-?do|reminder|item|entry|note)s?";
    private const string Naming = @"(?:\s+(?:to|for|called|named|titled|saying|that\s+says))?";

    [GeneratedRegex(
        @"^(?:add\s+to\s+(?:my|the)\s+list" +
        @"|(?:add|create)(?:\s+(?:(?:a|an|another)\s+)?(?:new\s+)?" + TaskWord + Naming + ")?" +
        // "make a task…" adds; "make task 6 high priority" changes one, so these verbs need "a" or "new".
        @"|(?:make|set\s+up|schedule|jot\s+down|note\s+down|put\s+in|save)\s+(?:(?:a|an|another)\s+(?:new\s+)?|new\s+)" + TaskWord + Naming +
        @"|new\s+" + TaskWord + Naming +
        @"|(?:task|todo|to-?do|reminder)(?=\s*:)" +
        @"|remind\s+me(?:\s+to|\s+about|\s+that\s+i\s+(?:need|have)\s+to)?" +
        @"|(?:don'?t|do\s+not)\s+(?:let\s+me\s+)?forget(?:\s+to|\s+about)?" +
        @"|i\s+(?:really\s+|still\s+|also\s+)?(?:need\s+to|have\s+to|must|should|ought\s+to|gotta|got\s+to|want\s+to)|i'?ve\s+got\s+to|i\s+have\s+got\s+to)" +
        @"(?:\s*[:\-]\s*|\s+)(?<rest>\S.*)$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"\s+(?:to|on|onto|in)\s+(?:my|the)\s+(?:(?:task|to-?do|todo|shopping)\s+)?(?:list|tasks)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ListSuffix();

    [GeneratedRegex(@"[\s,;]*\b(?:with\s+)?(?:description|details|notes?)\s*[:\-]\s*(?<text>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Description();

    [GeneratedRegex(@"^\s*[""“](?<title>[^""”]+)[""”](?<rest>.*)$")]
    private static partial Regex Quoted();
}
