using System.Text;
using System.Text.RegularExpressions;

namespace TaskChat.Core.Tasks.QuickAdd;

/// <summary>What is left once the parts are cut out, in the user's own words, order and case.</summary>
internal static partial class QuickAddTitle
{
    public static string Tidy(string text, IReadOnlyList<QuickAddPart> parts)
    {
        var rest = new StringBuilder(text);
        foreach (var part in parts)
            for (var i = part.Start; i < part.End; i++) rest[i] = ' ';
        var title = Spaces().Replace(rest.ToString(), " ");
        // "buy milk tomorrow, eggs" → "buy milk, eggs", not "buy milk , eggs".
        title = SpaceBeforePunctuation().Replace(title, "$1");
        // Separators left dangling at the ends ("pay rent - every month") go; "!" and "?" are the user's.
        return title.Trim().Trim(',', ';', ':', '-', '–', '—').Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@" ([,;:.!?])")]
    private static partial Regex SpaceBeforePunctuation();
}
