using System.Text.RegularExpressions;

namespace TaskChat.Core.Assistant.Dates;

/// <summary>One word of a due phrase, lower-cased, with where it sits in the original text.</summary>
internal readonly record struct DueToken(string Text, int Start, int Length)
{
    public int End => Start + Length;
}

internal static partial class DueTokenizer
{
    // ISO dates stay one token so "2026-03-20T09:00+01:00" is not torn apart at its dashes; clock
    // times ("17:30") stay whole; "5pm" and "5p.m." are one token. Every other character (commas,
    // slashes, dots) only separates, which is why "12/3" becomes two bare numbers and is rejected.
    [GeneratedRegex(
        @"\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)" +
        @"|\d{1,2}:\d{2}(?!\d)|\d+(?:[ap]\.m\.?|[a-z]+)?|[ap]\.m\.?|[a-z]+(?:['’][a-z]+)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    public static List<DueToken> Split(string text)
    {
        var tokens = new List<DueToken>();
        foreach (Match m in TokenPattern().Matches(text))
        {
            var word = m.Value.ToLowerInvariant();
            // The dots of "p.m." carry no meaning; an ISO token's characters all do.
            if (!word.Contains('-')) word = word.Replace(".", "").Replace('’', '\'');
            tokens.Add(new DueToken(word, m.Index, m.Length));
        }
        return tokens;
    }
}
