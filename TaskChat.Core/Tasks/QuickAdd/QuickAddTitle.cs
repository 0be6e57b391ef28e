using System.Text;
using System.Text.RegularExpressions;

namespace TaskChat.Core.Tasks.QuickAdd;

/// <summary>What is left once the parts are cut out, in the user's own words, order and case.</summary>
internal static partial class QuickAddTitle
{
    private const char Cut = '\0';

    public static string Tidy(string text, IReadOnlyList<QuickAddPart> parts)
    {
        var rest = new StringBuilder(text);
        foreach (var part in parts)
            for (var i = part.Start; i < part.End; i++) rest[i] = Cut;
        // "buy milk tomorrow, eggs" → "buy milk, eggs": only a cut closes up to punctuation; the
        // user's own spacing ("call mom !urgent") is kept.
        var title = CutBeforePunctuation().Replace(rest.ToString(), "");
        title = Spaces().Replace(title.Replace(Cut, ' '), " ");
        // Separators left dangling at the ends ("pay rent - every month") go; "!" and "?" are the user's.
        return title.Trim().Trim(',', ';', ':', '-', '–', '—').Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s*\x00[\x00\s]*(?=[,;:.!?])")]
    private static partial Regex CutBeforePunctuation();
}
