using System.Globalization;
using System.Text.RegularExpressions;
using TaskChat.Core.Assistant.Dates;
using static TaskChat.Core.Tasks.QuickAdd.RepeatWords;

namespace TaskChat.Core.Tasks.QuickAdd;

/// <summary>
/// Reads a repeat starting at a token: "daily", "every 2 weeks on mon", "every last friday",
/// "every year on dec 24", then in any order a time ("at 9"), an anchor ("on the 1st") and an end
/// ("until dec 31", "5 times"). Clock times and end dates are read by <see cref="DueGrammar"/>, so
/// they mean the same as in a due phrase.
/// </summary>
internal sealed partial class RepeatGrammar(IReadOnlyList<DueToken> tokens, DueGrammar dates)
{
    private static readonly DayOfWeek[] WorkDays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private string? At(int i) => i < tokens.Count ? tokens[i].Text : null;

    public (int End, RepeatRule Rule)? Expression(int i)
    {
        if (Base(i) is not { } found) return null;
        var (end, rule) = found;
        while (true)
        {
            if (rule.Time is null && TimeOfDay(end) is { } time) (end, rule) = (time.End, rule with { Time = time.Time });
            else if (!rule.HasAnchor && Anchor(end, rule) is { } anchored) (end, rule) = anchored;
            else if (rule.Until is null && rule.Count is null && Ending(end, rule) is { } ended) (end, rule) = ended;
            else break;
        }
        // "weekly report", "daily standup": an adverb straight before another word is an adjective of
        // the title, not a repeat. It counts at the end of the text, before a mark, or with its own
        // additions ("daily at 9").
        var adjective = At(i) is { } word && (Adverbs.ContainsKey(word) || word == "fortnightly") && end == i + 1 && end < tokens.Count;
        return adjective ? null : (end, rule);
    }

    private (int, RepeatRule)? Base(int i)
    {
        if (At(i) is { } adverb && Adverbs.TryGetValue(adverb, out var frequency)) return (i + 1, new RepeatRule(frequency));
        if (At(i) == "fortnightly") return (i + 1, new RepeatRule(RepeatFrequency.Weekly, 2));
        if (At(i) is not ("every" or "each")) return null;
        var j = i + 1;
        var interval = 1;
        if (At(j) == "other") (j, interval) = (j + 1, 2);
        else if (Number(At(j)) is { } n && At(j + 1) is { } unit && Units.TryGetValue(unit, out var counted))
            return (j + 2, new RepeatRule(counted, n));
        if (At(j) is { } word && Units.TryGetValue(word, out var single) && !word.EndsWith('s')) return (j + 1, new RepeatRule(single, interval));
        if (DayList(j) is { } days) return (days.End, new RepeatRule(RepeatFrequency.Weekly, interval) { Days = days.Days });
        if (interval != 1) return null;
        switch (At(j))
        {
            case "weekday" or "weekdays" or "workday" or "workdays":
                return (j + 1, new RepeatRule(RepeatFrequency.Weekly) { Days = WorkDays });
            case "weekend" or "weekends":
                return (j + 1, new RepeatRule(RepeatFrequency.Weekly) { Days = [DayOfWeek.Saturday, DayOfWeek.Sunday] });
            case { } part when DueWords.PartsOfDay.TryGetValue(part, out var partTime):
                return (j + 1, new RepeatRule(RepeatFrequency.Daily) { Time = partTime });
        }
        if (MonthAnchor(j, requireOrdinal: true) is { } monthly) return monthly;
        return YearAnchor(j, new RepeatRule(RepeatFrequency.Yearly));
    }

    // "on mon and thu", "on the 1st", "on the last friday", "on dec 24": what a bare "every week/month/year" is anchored to.
    private (int, RepeatRule)? Anchor(int i, RepeatRule rule)
    {
        var on = At(i) == "on";
        var j = on ? i + 1 : i;
        switch (rule.Frequency)
        {
            case RepeatFrequency.Weekly when DayList(j) is { } days:
                return (days.End, rule with { Days = days.Days });
            case RepeatFrequency.Monthly when MonthAnchor(j, requireOrdinal: !on) is { } monthly:
                return (monthly.End, rule with { Days = monthly.Rule.Days, Position = monthly.Rule.Position, MonthDay = monthly.Rule.MonthDay });
            case RepeatFrequency.Yearly when on && YearAnchor(j, rule) is { } yearly:
                return yearly;
        }
        return null;
    }

    // "the 15th", "last day (of the month)", "the last friday (of the month)"; a bare number only after "on".
    private (int End, RepeatRule Rule)? MonthAnchor(int i, bool requireOrdinal)
    {
        var the = At(i) == "the";
        var j = the ? i + 1 : i;
        (int, RepeatRule)? found = null;
        if (At(j) is { } place && Positions.TryGetValue(place, out var position) && At(j + 1) is { } name && Days.TryGetValue(name, out var day))
            found = (j + 2, new RepeatRule(RepeatFrequency.Monthly) { Days = [day], Position = position });
        else if (At(j) == "last" && At(j + 1) == "day")
            found = (j + 2, new RepeatRule(RepeatFrequency.Monthly) { MonthDay = -1 });
        else if (DayNumber(At(j), requireOrdinal && !the) is { } date)
            found = (j + 1, new RepeatRule(RepeatFrequency.Monthly) { MonthDay = date });
        if (found is not { } f) return null;
        var end = f.Item1;
        if (At(end) == "of" && At(end + 1) is "the" or "each" or "every" && At(end + 2) == "month") end += 3;
        return (end, f.Item2);
    }

    // "dec 24", "24 dec", "24th of december", "december the 24th".
    private (int, RepeatRule)? YearAnchor(int i, RepeatRule rule)
    {
        if (At(i) is { } m && DueWords.Months.TryGetValue(m, out var month))
        {
            var dayAt = At(i + 1) == "the" ? i + 2 : i + 1;
            return DayNumber(At(dayAt), requireOrdinal: false) is { } day && Fits(month, day) ? (dayAt + 1, rule with { Month = month, MonthDay = day }) : null;
        }
        if (DayNumber(At(i), requireOrdinal: false) is not { } d) return null;
        var monthAt = At(i + 1) == "of" ? i + 2 : i + 1;
        return At(monthAt) is { } name && DueWords.Months.TryGetValue(name, out var mo) && Fits(mo, d) ? (monthAt + 1, rule with { Month = mo, MonthDay = d }) : null;
    }

    private static bool Fits(int month, int day) => day <= DateTime.DaysInMonth(2000, month);

    private (int End, TimeSpan Time)? TimeOfDay(int i)
    {
        if (dates.Time(i) is { Moment.Time: { } time } found) return (found.End, time);
        var at = At(i) == "in" && At(i + 1) == "the" ? i + 2 : i;
        return At(at) is { } part && DueWords.PartsOfDay.TryGetValue(part, out var partTime) ? (at + 1, partTime) : null;
    }

    // "until dec 31", "till friday", "for 5 times", "5 times".
    private (int, RepeatRule)? Ending(int i, RepeatRule rule)
    {
        if (At(i) is "until" or "till" or "til" or "through" && dates.DateAtom(i + 1) is { Moment.Date: { } until } date)
            return (date.End, rule with { Until = until });
        var j = At(i) == "for" ? i + 1 : i;
        return Number(At(j)) is { } count && At(j + 1) == "times" ? (j + 2, rule with { Count = count }) : null;
    }

    private (int End, IReadOnlyList<DayOfWeek> Days)? DayList(int i)
    {
        var days = new List<DayOfWeek>();
        var end = i;
        while (true)
        {
            var j = days.Count > 0 && At(end) is "and" or "or" ? end + 1 : end;
            if (At(j) is not { } word || !Days.TryGetValue(word, out var day)) break;
            days.Add(day);
            end = j + 1;
        }
        return days.Count > 0 ? (end, days) : null;
    }

    private static int? Number(string? word) =>
        word is null ? null
        : RepeatWords.Numbers.TryGetValue(word, out var n) ? n
        : int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var digits) && digits is >= 1 and <= 999 ? digits
        : null;

    private static int? DayNumber(string? word, bool requireOrdinal) =>
        word is not null && DayPattern().Match(word) is { Success: true } m && (!requireOrdinal || m.Groups[2].Success)
            && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is var d and >= 1 and <= 31
            ? d
            : null;

    [GeneratedRegex(@"^(\d{1,2})(st|nd|rd|th)?$")]
    private static partial Regex DayPattern();
}
