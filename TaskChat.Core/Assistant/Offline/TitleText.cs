using System.Text.RegularExpressions;
using TaskChat.Core.Assistant.Dates;

namespace TaskChat.Core.Assistant.Offline;

/// <summary>Tidies what is left of a request once dates, tags and priorities are cut out of it.</summary>
internal static partial class TitleText
{
    /// <summary>
    /// Removes a due phrase and the word that introduced it: "call mum on friday" → "call mum",
    /// "pay rent due by friday" → "pay rent".
    /// </summary>
    public static string CutOut(string text, DuePhraseMatch due)
    {
        var before = DueConnector().Replace(text[..due.Start], "");
        return before + " " + text[(due.Start + due.Length)..];
    }

    /// <summary>Collapses spaces and trims punctuation, quotes and dangling "and"/"with" from the ends.</summary>
    public static string Clean(string text)
    {
        string previous;
        text = Spaces().Replace(text, " ");
        do
        {
            previous = text;
            text = text.Trim().Trim(',', ';', ':', '-', '–', '—', '.', '!', '?', '"', '“', '”').Trim();
            text = LooseEnds().Replace(text, "");
            // Single quotes only in pairs: a trailing apostrophe can belong to the title ("James'").
            if (text.Length > 1 && text[0] == '\'' && text[^1] == '\'') text = text[1..^1];
        }
        while (text != previous);
        return text;
    }

    /// <summary>A new title starts with a capital, as a person would write it: "buy milk" → "Buy milk".</summary>
    public static string Capitalized(string title) =>
        title.Length > 0 && char.IsLower(title[0]) ? char.ToUpperInvariant(title[0]) + title[1..] : title;

    /// <summary>What is left of "move the report back to friday" once the date is gone: "the report".</summary>
    public static string TrimMoveConnectors(string text) => Clean(MoveConnector().Replace(text, ""));

    [GeneratedRegex(@"(?:\s+|^)(?:(?:due|by|on|before|until|till|for|at)\b\s*)+$", RegexOptions.IgnoreCase)]
    private static partial Regex DueConnector();

    // Wider than DueConnector: in a new task's title "back" and "to" belong to the title ("bring books back").
    [GeneratedRegex(@"(?:\s+|^)(?:(?:due|by|on|before|until|till|til|for|at|to|back|out|over|from)\b\s*)+$", RegexOptions.IgnoreCase)]
    private static partial Regex MoveConnector();

    [GeneratedRegex(@"^(?:and|with)\s+|\s+(?:and|with)$", RegexOptions.IgnoreCase)]
    private static partial Regex LooseEnds();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
