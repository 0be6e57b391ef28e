using System.Text.RegularExpressions;

namespace TaskChat.Core.Tasks.QuickAdd;

/// <summary>The marks typed on purpose in a quick add: "#home", "p1", "!high", and what must hide them.</summary>
internal static partial class QuickAddMarks
{
    public static TaskPriority Priority(Match m) =>
        m.Groups["n"].Success ? m.Groups["n"].Value switch { "1" => TaskPriority.High, "2" => TaskPriority.Medium, _ => TaskPriority.Low }
        : m.Groups["word"].Success ? m.Groups["word"].Value.ToLowerInvariant() switch { "high" => TaskPriority.High, "low" => TaskPriority.Low, _ => TaskPriority.Medium }
        : m.Groups["bangs"].Value.Length == 3 ? TaskPriority.High : TaskPriority.Medium;

    // "p1" only as a word of its own ("mp1", "p10" stay); "!!" and "!!!" only standing alone, so "wow!!" stays.
    [GeneratedRegex(@"(?<![\w!#])(?:p(?<n>[1-3])|!(?<word>high|medium|med|low)|(?<bangs>!{2,3}))(?![\w!])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex PriorityMark();

    // "#12" is a task or issue number and "C#" a language; a tag cannot end in a dash ("#work-" tags "work").
    [GeneratedRegex(@"(?<![\p{L}\p{N}_&#/@.])#(?!\d+(?![\p{L}\p{N}_\-]))(?<tag>[\p{L}\p{N}_](?:[\p{L}\p{N}_\-]*[\p{L}\p{N}_])?)")]
    public static partial Regex HashTag();

    // Addresses stay whole in the title: nothing inside "a#b@x.com" or "https://x.org/#faq" is a mark or a date.
    [GeneratedRegex(@"(?:https?://|www\.)\S+|[\w.+#-]+@[\w-]+(?:\.[\w-]+)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Address();
}
