using System.Globalization;
using System.Text;

namespace TaskChat.Core.Assistant.Offline;

/// <summary>
/// Which of the tasks a lookup found a request named. list_tasks finds its words anywhere (a
/// substring, also in descriptions and tags), so "delete call" also finds "Recall the order" and
/// "get rid of all" finds "Call mom". A task is named only when its title holds the request's words
/// as whole words, in order, ignoring case and accents; the offline assistant acts on a task by name
/// only when exactly one task is named that way.
/// </summary>
internal static class TaskNameMatch
{
    /// <summary>The tasks whose titles hold <paramref name="words"/> as whole words, in the order found.</summary>
    public static IReadOnlyList<TaskView> Named(string words, IEnumerable<TaskView> tasks)
    {
        var wanted = Tokens(words);
        return wanted.Length == 0 ? [] : tasks.Where(t => Contains(Tokens(t.Title), wanted)).ToList();
    }

    /// <summary>The title is these words and nothing else: "buy milk" is "Buy milk", not "Buy milk powder".</summary>
    public static bool IsWhole(string words, TaskView task) => Tokens(words).SequenceEqual(Tokens(task.Title));

    /// <summary>"Café-crème, Mom's" → ["cafe", "creme", "mom", "s"]: letters and digits, lower case, accents removed.</summary>
    public static string[] Tokens(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static bool Contains(string[] title, string[] wanted)
    {
        for (var start = 0; start + wanted.Length <= title.Length; start++)
            if (title.AsSpan(start, wanted.Length).SequenceEqual(wanted)) return true;
        return false;
    }
}
