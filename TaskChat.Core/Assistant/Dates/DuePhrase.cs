using TaskChat.Core.Tasks;

namespace TaskChat.Core.Assistant.Dates;

/// <summary>A due expression found inside a longer sentence, and the instant it means.</summary>
public sealed record DuePhraseMatch(int Start, int Length, string Text, DateTime DueUtc);

/// <summary>
/// Turns what people write for a due date ("tomorrow at 5pm", "friday", "in 3 days", "12 March",
/// "2026-03-20T09:00Z") into a UTC instant, reading days and clock times in the user's zone.
/// </summary>
/// <remarks>
/// Rules worth knowing: a date without a time is due at the end of that day (<see cref="EndOfDay"/>);
/// a time without a date is today, or tomorrow once that time has passed; a weekday, bare or with
/// "next", is the first one after today; a day and month without a year that has already passed is
/// next year's, and "the 1st" without a month is this month's or, once passed, next month's;
/// "tonight" is 20:00; "midnight" is the end of its day. Numeric day/month forms
/// ("12/3") are refused: they mean different dates on either side of the Atlantic.
/// </remarks>
public static class DuePhrase
{
    /// <summary>When a task due "on a day" falls due: late enough that the whole day counts.</summary>
    public static readonly TimeSpan EndOfDay = new(23, 59, 0);

    private static readonly TimeSpan Evening = new(20, 0, 0);

    /// <summary>
    /// Resolves <paramref name="text"/> if all of it is a due expression, optionally led by "by",
    /// "on" or "due". Also accepts "now", which filters such as "overdue" need.
    /// </summary>
    public static bool TryResolve(string text, DateTime nowUtc, TimeZoneInfo zone, out DateTime dueUtc)
    {
        dueUtc = default;
        var tokens = DueTokenizer.Split(text ?? "");
        var start = 0;
        while (start < tokens.Count && DueWords.IsLeadingFiller(tokens[start].Text)) start++;

        var grammar = new DueGrammar(tokens, nowUtc, zone, allowNow: true);
        if (grammar.Expression(start) is not { } found || found.End != tokens.Count) return false;
        dueUtc = ToUtc(found.Moment, grammar.LocalNow, zone);
        return true;
    }

    /// <summary>
    /// The longest due expression inside <paramref name="sentence"/> ("buy milk tomorrow at 5pm" →
    /// "tomorrow at 5pm"), or null. "now" is not looked for here: inside a request it is filler
    /// ("now add…"), not a deadline.
    /// </summary>
    public static DuePhraseMatch? Find(string sentence, DateTime nowUtc, TimeZoneInfo zone)
    {
        if (string.IsNullOrEmpty(sentence)) return null;
        var tokens = DueTokenizer.Split(sentence);
        var grammar = new DueGrammar(tokens, nowUtc, zone, allowNow: false);
        DuePhraseMatch? best = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (grammar.Expression(i) is not { } found) continue;
            var start = tokens[i].Start;
            var length = tokens[found.End - 1].End - start;
            if (best is null || length > best.Length)
                best = new DuePhraseMatch(start, length, sentence.Substring(start, length), ToUtc(found.Moment, grammar.LocalNow, zone));
        }
        return best;
    }

    internal static DateTime ToUtc(DueMoment moment, DateTime localNow, TimeZoneInfo zone)
    {
        if (moment.Utc is { } exact) return exact;
        var time = moment.Time ?? (moment.Evening ? Evening : EndOfDay);
        if (moment.Evening && moment.BareHour && time < TimeSpan.FromHours(12)) time += TimeSpan.FromHours(12);

        var local = (moment.Date ?? DateOnly.FromDateTime(localNow)).ToDateTime(TimeOnly.MinValue) + time;
        if (moment.Date is null && local <= localNow) local = local.AddDays(1);
        return DueWindows.LocalToUtc(local, zone);
    }
}
