using System.Globalization;

namespace TaskChat.Core.Tasks.Recurrence;

/// <summary>
/// A rule as a person says it: "every weekday", "every 2 weeks on Mon", "every month on the last
/// Friday", "every year on 24 Dec until 31 Dec 2027". Shown next to the due date, which carries the
/// time of day and, for a bare FREQ, the day.
/// </summary>
public static class RecurrenceWords
{
    private static readonly DayOfWeek[] Workdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static string ToWords(string rule) => ToWords(RecurrenceRule.Parse(rule));

    public static string ToWords(RecurrenceRule rule)
    {
        var words = Every(rule) + On(rule);
        if (rule.Until is { } until)
            words += " until " + (until.Date ?? until.Local?.Date ?? until.Utc!.Value.InUtc().Date).ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        if (rule.Count is { } count) words += count == 1 ? ", once more" : $", {count} times";
        return words;
    }

    private static string Every(RecurrenceRule rule)
    {
        if (IsWeekdays(rule)) return "every weekday";
        var unit = rule.Frequency switch
        {
            RecurrenceFrequency.Daily => "day",
            RecurrenceFrequency.Weekly => "week",
            RecurrenceFrequency.Monthly => "month",
            _ => "year",
        };
        return rule.Interval == 1 ? $"every {unit}" : $"every {rule.Interval} {unit}s";
    }

    private static string On(RecurrenceRule rule)
    {
        if (IsWeekdays(rule)) return rule.ByMonth.Count > 0 ? " in " + List(rule.ByMonth.Select(Month)) : "";
        var parts = new List<string>();
        // "on 24 Dec": one month and one day of it read as a date.
        if (rule.ByMonth.Count == 1 && rule.ByMonthDay is [> 0 and var day] && rule.ByDay.Count == 0)
            return $" on {day} {Month(rule.ByMonth[0])}";
        if (rule.ByDay.Count > 0)
            parts.Add("on " + (rule.ByDay.All(d => d.Position is null)
                ? List(rule.ByDay.Select(d => Short(d.Day)))
                : List(rule.ByDay.Select(d => $"the {Position(d.Position)}{Long(d.Day)}"))));
        if (rule.ByMonthDay.Count > 0) parts.Add("on the " + List(rule.ByMonthDay.Select(MonthDay)));
        if (rule.ByMonth.Count > 0) parts.Add("in " + List(rule.ByMonth.Select(Month)));
        return parts.Count == 0 ? "" : " " + string.Join(" ", parts);
    }

    // Daily on MO–FR, or weekly on MO–FR, every week: what people call "every weekday".
    private static bool IsWeekdays(RecurrenceRule rule) =>
        rule.Interval == 1 && rule.Frequency is RecurrenceFrequency.Daily or RecurrenceFrequency.Weekly
        && rule.ByMonthDay.Count == 0 && rule.ByDay.Count == 5 && rule.ByDay.All(d => d.Position is null)
        && Workdays.All(w => rule.ByDay.Any(d => d.Day == w));

    private static string Position(int? position) => position switch
    {
        null => "",
        -1 => "last ",
        < -1 => $"{Ordinal(-position.Value)} to last ",
        _ => Ordinal(position.Value) + " ",
    };

    private static string MonthDay(int day) => day switch
    {
        -1 => "last day",
        < -1 => $"{Ordinal(-day)} to last day",
        _ => Ordinal(day),
    };

    private static string Ordinal(int n) => n + (n % 100 is >= 11 and <= 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    private static string Short(DayOfWeek day) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(day);

    private static string Long(DayOfWeek day) => CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(day);

    private static string Month(int month) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(month);

    private static string List(IEnumerable<string> items)
    {
        var all = items.ToArray();
        return all.Length <= 1 ? string.Concat(all) : string.Join(", ", all[..^1]) + " and " + all[^1];
    }
}
