using System.Diagnostics.CodeAnalysis;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using NodaTime;
using NodaTime.TimeZones;

namespace TaskChat.Core.Tasks.Recurrence;

/// <summary>
/// A validated RRULE (RFC 5545) in the subset a task uses: FREQ DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL
/// (at most 365), BYDAY (with positions such as 2MO or -1FR for monthly and yearly rules), BYMONTHDAY,
/// BYMONTH, WKST, and UNTIL or COUNT. Expansion is Ical.Net's, on wall-clock (floating) times in the
/// user's zone, so "every day at 9:00" stays 9:00 on both sides of a daylight-saving change.
/// <para>
/// The rule is carried forward occurrence by occurrence rather than from a stored series start: the
/// task's current due is the series' DTSTART, and COUNT is the number of occurrences left including
/// the current one, so completing an occurrence lowers COUNT by one (<see cref="NextAfter"/>). The
/// stored text alone then says what is left, and editing the due date simply re-anchors the series.
/// </para>
/// </summary>
public sealed class RecurrenceRule
{
    public const int MaxLength = 200;
    public const int MaxInterval = 365;
    public const int MaxCount = 1000;

    // A rule that matches no day (30 February) would make the evaluator search forever.
    private static readonly EvaluationOptions Limits = new() { MaxUnmatchedIncrementsLimit = 1000 };

    internal RecurrenceRule(RecurrenceFrequency frequency, int interval, IReadOnlyList<RecurrenceDay> byDay,
        IReadOnlyList<int> byMonthDay, IReadOnlyList<int> byMonth, DayOfWeek weekStart, RecurrenceUntil? until, int? count)
    {
        (Frequency, Interval, ByDay, ByMonthDay, ByMonth, WeekStart, Until, Count) =
            (frequency, interval, byDay, byMonthDay, byMonth, weekStart, until, count);
        Text = Format(withEnd: true);
    }

    public RecurrenceFrequency Frequency { get; }
    public int Interval { get; }
    public IReadOnlyList<RecurrenceDay> ByDay { get; }
    public IReadOnlyList<int> ByMonthDay { get; }
    public IReadOnlyList<int> ByMonth { get; }
    public DayOfWeek WeekStart { get; }
    public RecurrenceUntil? Until { get; }
    /// <summary>Occurrences left, counting the current one.</summary>
    public int? Count { get; }

    /// <summary>The rule in canonical form (upper case, fixed part order), as stored.</summary>
    public string Text { get; }

    public override string ToString() => Text;

    /// <summary>Parses and validates; throws <see cref="RecurrenceFormatException"/> naming the part that is wrong.</summary>
    public static RecurrenceRule Parse(string text)
    {
        var rule = RecurrenceParser.Parse(text);
        // Catches rules that are well formed but name no real day, e.g. BYMONTH=2;BYMONTHDAY=30.
        if (rule.NextLocal(new LocalDateTime(2000, 1, 1, 0, 0)) is null)
            throw new RecurrenceFormatException("This repeat rule never falls on a real date.");
        return rule;
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out RecurrenceRule? rule, [NotNullWhen(false)] out string? error)
    {
        try
        {
            rule = Parse(text ?? "");
            error = null;
            return true;
        }
        catch (RecurrenceFormatException e)
        {
            (rule, error) = (null, e.Message);
            return false;
        }
    }

    /// <summary>
    /// The occurrence after the one at <paramref name="occurrenceLocal"/> (strictly later), in
    /// <paramref name="zone"/>; null when UNTIL or COUNT has ended the series.
    /// </summary>
    public ZonedDateTime? Next(LocalDateTime occurrenceLocal, DateTimeZone zone)
    {
        if (Count is <= 1) return null;
        if (NextLocal(occurrenceLocal) is not { } next) return null;
        // Lenient: a wall-clock time skipped by a spring-forward jump (02:30 in New York on that
        // Sunday) moves forward by the length of the gap (03:30 EDT); a time that happens twice in
        // the autumn takes the earlier of the two. Later occurrences start again from the rule's
        // days, but their time of day is this one's, as the series is carried from occurrence to occurrence.
        var zoned = next.InZone(zone, Resolvers.LenientResolver);
        return Until?.Utc is { } end && zoned.ToInstant() > end ? null : zoned;
    }

    /// <summary>
    /// The next due after completing the occurrence due at <paramref name="dueUtc"/>, with the rule that
    /// then applies (COUNT one lower); null when the series is over.
    /// </summary>
    public RecurrenceStep? NextAfter(DateTime dueUtc, TimeZoneInfo zone)
    {
        var tz = RecurrenceZones.Find(zone);
        var current = Instant.FromDateTimeUtc(DateTime.SpecifyKind(dueUtc, DateTimeKind.Utc)).InZone(tz).LocalDateTime;
        return Next(current, tz) is { } next ? new RecurrenceStep(next.ToDateTimeUtc(), AfterOneOccurrence()) : null;
    }

    /// <summary>The rule once the current occurrence is done: COUNT one lower, the rest unchanged.</summary>
    public RecurrenceRule AfterOneOccurrence() =>
        Count is { } n ? new RecurrenceRule(Frequency, Interval, ByDay, ByMonthDay, ByMonth, WeekStart, Until, n - 1) : this;

    /// <summary>The first wall-clock occurrence strictly after <paramref name="current"/>, honouring a date or floating UNTIL.</summary>
    internal LocalDateTime? NextLocal(LocalDateTime current)
    {
        var start = new CalDateTime(DateOnly.FromDateTime(current.ToDateTimeUnspecified()), TimeOnly.FromDateTime(current.ToDateTimeUnspecified()), null);
        var series = new CalendarEvent { DtStart = start, RecurrenceRule = new Ical.Net.DataTypes.RecurrenceRule(Format(withEnd: false)) };
        LocalDateTime? next = null;
        try
        {
            foreach (var occurrence in series.GetOccurrences(null, Limits))
            {
                var local = LocalDateTime.FromDateTime(occurrence.Period.StartTime.Value);
                if (local <= current) continue;
                next = local;
                break;
            }
        }
        catch (Exception e) when (e is EvaluationLimitExceededException or ArgumentOutOfRangeException)
        {
            return null; // no matching day within reach, or past the end of the calendar
        }
        if (next is not { } n) return null;
        if (Until?.Date is { } lastDay && n.Date > lastDay) return null;
        if (Until?.Local is { } lastLocal && n > lastLocal) return null;
        return n;
    }

    private string Format(bool withEnd)
    {
        var parts = new List<string> { "FREQ=" + Frequency.ToString().ToUpperInvariant() };
        if (Interval != 1) parts.Add($"INTERVAL={Interval}");
        if (ByMonth.Count > 0) parts.Add("BYMONTH=" + string.Join(',', ByMonth));
        if (ByMonthDay.Count > 0) parts.Add("BYMONTHDAY=" + string.Join(',', ByMonthDay));
        if (ByDay.Count > 0) parts.Add("BYDAY=" + string.Join(',', ByDay.Select(d => d.Position + RecurrenceParser.DayCode(d.Day))));
        if (WeekStart != DayOfWeek.Monday) parts.Add("WKST=" + RecurrenceParser.DayCode(WeekStart));
        if (withEnd && Until is not null) parts.Add("UNTIL=" + Until);
        if (withEnd && Count is { } count) parts.Add($"COUNT={count}");
        return string.Join(';', parts);
    }
}
