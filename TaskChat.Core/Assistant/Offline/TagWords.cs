using System.Text.RegularExpressions;

namespace TaskChat.Core.Assistant.Offline;

/// <summary>Tags in a request: "#home", "tagged work", "with tags home and errands".</summary>
internal static partial class TagWords
{
    /// <summary>Takes every tag out of <paramref name="text"/>; returns what is left.</summary>
    public static string Remove(string text, List<string> tags)
    {
        text = Labelled().Replace(text, m =>
        {
            tags.AddRange(m.Groups["tag"].Captures.Select(c => c.Value.ToLowerInvariant()));
            return " ";
        });
        return HashTag().Replace(text, m =>
        {
            tags.Add(m.Groups["tag"].Value.ToLowerInvariant());
            return " ";
        });
    }

    /// <summary>The first tag mentioned, for a list filter.</summary>
    public static string? Find(string text)
    {
        var tags = new List<string>();
        Remove(text, tags);
        return tags.FirstOrDefault();
    }

    private const string Tag = @"#?(?<tag>[\p{L}\p{N}_][\p{L}\p{N}_\-]*)";

    [GeneratedRegex(@"\b(?:tagged(?:\s+(?:with|as))?|with\s+(?:the\s+)?tags?|tags?\s*:)\s+" + Tag + @"(?:(?:\s*,\s*|\s+and\s+)" + Tag + ")*", RegexOptions.IgnoreCase)]
    private static partial Regex Labelled();

    // "#12" is a task number, not a tag.
    [GeneratedRegex(@"(?<![\w&#])#(?!\d+\b)(?<tag>[\p{L}\p{N}_][\p{L}\p{N}_\-]*)", RegexOptions.IgnoreCase)]
    private static partial Regex HashTag();
}
