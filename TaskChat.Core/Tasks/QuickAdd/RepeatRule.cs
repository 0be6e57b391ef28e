using System.Globalization;
using TaskChat.Core.Assistant.Dates;

namespace TaskChat.Core.Tasks.QuickAdd;

internal enum RepeatFrequency
{
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// <summary>
/// A recurrence as read from a quick add, before it is written as an RRULE. The time of day is kept
/// here only to place the first occurrence; the RRULE leaves it to the due date (its DTSTART), so
/// "every day at 9" stays at 9:00 local across a daylight-saving change.
/// </summary>
internal sealed record RepeatRule(RepeatFrequency Frequency, int Interval = 1)
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public IReadOnlyList<DayOfWeek> Days { get; init; } = [];

    /// <summary>With one day in <see cref="Days"/>: its place in the month, 1–4 or -1 for the last.</summary>
    public int? Position { get; init; }

    /// <summary>1–31, or -1 for the last day of the month.</summary>
    public int? MonthDay { get; init; }

    public int? Month { get; init; }

    public TimeSpan? Time { get; init; }

    public DateOnly? Until { get; init; }

    public int? Count { get; init; }

    public bool HasAnchor => Days.Count > 0 || MonthDay is not null || Month is not null;

    /// <summary>
    /// The first occurrence on or after now: a day-only rule may fall today (due at the end of it);
    /// a timed one only if that time is still ahead, so "every day at 9" said at 10:00 starts tomorrow.
    /// </summary>
    public DateTime? FirstLocal(DateTime localNow)
    {
        var today = DateOnly.FromDateTime(localNow);
        // Eight years covers "every year on 29 Feb".
        for (var day = today; day <= today.AddYears(8); day = day.AddDays(1))
        {
            if (!Matches(day, today)) continue;
            var local = day.ToDateTime(TimeOnly.MinValue) + (Time ?? DuePhrase.EndOfDay);
            if (Time is not null && local <= localNow) continue;
            return local;
        }
        return null;
    }

    // Without an anchor a rule repeats on the day it starts (RFC 5545 takes it from DTSTART).
    private bool Matches(DateOnly day, DateOnly start) => Frequency switch
    {
        RepeatFrequency.Daily => true,
        RepeatFrequency.Weekly => Days.Count > 0 ? Days.Contains(day.DayOfWeek) : day.DayOfWeek == start.DayOfWeek,
        RepeatFrequency.Monthly when MonthDay is { } n => day.Day == (n > 0 ? n : DateTime.DaysInMonth(day.Year, day.Month)),
        RepeatFrequency.Monthly when Position is { } p => day.DayOfWeek == Days[0]
            && (p > 0 ? (day.Day - 1) / 7 + 1 == p : day.Day + 7 > DateTime.DaysInMonth(day.Year, day.Month)),
        RepeatFrequency.Monthly => day.Day == start.Day,
        _ => Month is { } m ? day.Month == m && day.Day == MonthDay : day.Month == start.Month && day.Day == start.Day,
    };

    /// <summary>The RRULE value; UNTIL is the last second of that day in the user's zone, in UTC.</summary>
    public string ToRRule(TimeZoneInfo zone)
    {
        var parts = new List<string> { "FREQ=" + Frequency.ToString().ToUpperInvariant() };
        if (Interval > 1) parts.Add(Invariant($"INTERVAL={Interval}"));
        if (Month is { } month) parts.Add(Invariant($"BYMONTH={month}"));
        if (MonthDay is { } monthDay && Frequency == RepeatFrequency.Monthly) parts.Add(Invariant($"BYMONTHDAY={monthDay}"));
        if (MonthDay is { } yearDay && Frequency == RepeatFrequency.Yearly) parts.Add(Invariant($"BYMONTHDAY={yearDay}"));
        if (Days.Count > 0)
            parts.Add("BYDAY=" + string.Join(',', Ordered().Select(d => (Position is { } p ? Invariant($"{p}") : "") + d.ToString()[..2].ToUpperInvariant())));
        if (Until is { } until)
        {
            var utc = DueWindows.LocalToUtc(until.ToDateTime(new TimeOnly(23, 59, 59)), zone);
            parts.Add("UNTIL=" + utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        }
        if (Count is { } count) parts.Add(Invariant($"COUNT={count}"));
        return string.Join(';', parts);
    }

    /// <summary>The rule in words, for its chip and the row: "every 2 weeks on Mon", "every day at 09:00".</summary>
    public string Label()
    {
        var every = Frequency switch
        {
            RepeatFrequency.Weekly when Interval == 1 && Days.SequenceEqual(Weekdays) => "every weekday",
            RepeatFrequency.Weekly when Interval == 1 && Days.Count > 0 => "every " + DayList(),
            RepeatFrequency.Weekly when Days.Count > 0 => Invariant($"every {Interval} weeks on {DayList()}"),
            RepeatFrequency.Monthly when MonthDay is { } n => Unit("month") + (n > 0 ? " on the " + Ordinal(n) : " on the last day"),
            RepeatFrequency.Monthly when Position is { } p => Unit("month") + " on the " + (p > 0 ? Ordinal(p) : "last") + " " + DayList(),
            RepeatFrequency.Yearly when Month is { } m => Unit("year") + " on " + new DateTime(2000, m, MonthDay ?? 1).ToString("d MMM", CultureInfo.InvariantCulture),
            _ => Unit(Frequency switch { RepeatFrequency.Daily => "day", RepeatFrequency.Weekly => "week", RepeatFrequency.Monthly => "month", _ => "year" }),
        };
        if (Time is { } time) every += " at " + (time == TimeSpan.FromHours(24) ? "24:00" : time.ToString(@"hh\:mm", CultureInfo.InvariantCulture));
        if (Until is { } until) every += " until " + until.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        if (Count is { } count) every += Invariant($", {count} times");
        return every;
    }

    private string Unit(string unit) => Interval == 1 ? "every " + unit : Invariant($"every {Interval} {unit}s");

    private string DayList() => string.Join(", ", Ordered().Select(d => d.ToString()[..3]));

    private IEnumerable<DayOfWeek> Ordered() => Days.Distinct().OrderBy(d => ((int)d + 6) % 7);

    private static string Ordinal(int n) => Invariant($"{n}") + (n % 100 is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
