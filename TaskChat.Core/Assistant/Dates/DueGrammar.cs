using System.Globalization;
using System.Text.RegularExpressions;
using static TaskChat.Core.Assistant.Dates.DueWords;

namespace TaskChat.Core.Assistant.Dates;

/// <summary>
/// Reads the longest due expression that starts at a given token. Each rule returns where it stopped
/// and what it read, or null; a caller tries the alternatives and keeps the longest, so "friday"
/// never wins over "friday at 5pm".
/// </summary>
internal sealed partial class DueGrammar
{
    private static readonly TimeSpan Midnight = TimeSpan.FromHours(24);
    private static readonly TimeSpan Noon = TimeSpan.FromHours(12);

    private readonly IReadOnlyList<DueToken> tokens;
    private readonly bool allowNow;
    private readonly DateTime nowUtc;
    private readonly DateOnly today;

    public DueGrammar(IReadOnlyList<DueToken> tokens, DateTime nowUtc, TimeZoneInfo zone, bool allowNow)
    {
        this.tokens = tokens;
        this.nowUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        this.allowNow = allowNow;
        LocalNow = TimeZoneInfo.ConvertTimeFromUtc(this.nowUtc, zone);
        today = DateOnly.FromDateTime(LocalNow);
    }

    public DateTime LocalNow { get; }

    public (int End, DueMoment Moment)? Expression(int i) =>
        Longest(Now(i), ShortWait(i), Dated(i), Timed(i), StartOf(i), IsoInstant(i));

    private string? At(int i) => i < tokens.Count ? tokens[i].Text : null;

    private static (int End, DueMoment Moment)? Longest(params (int End, DueMoment Moment)?[] candidates)
    {
        (int End, DueMoment Moment)? best = null;
        foreach (var c in candidates)
            if (c is { } found && (best is null || found.End > best.Value.End)) best = found;
        return best;
    }

    private (int, DueMoment)? Now(int i) => allowNow && At(i) == "now" ? (i + 1, new DueMoment(Utc: nowUtc)) : null;

    // "in 30 minutes", "in an hour", "in half an hour": an exact instant, not a calendar day.
    private (int, DueMoment)? ShortWait(int i)
    {
        if (At(i) != "in") return null;
        if (At(i + 1) == "half" && At(i + 2) is "a" or "an" && At(i + 3) is "hour")
            return (i + 4, new DueMoment(Utc: nowUtc.AddMinutes(30)));
        if (Count(i + 1) is not { } count || !Units.TryGetValue(At(count.End) ?? "", out var unit)) return null;
        return unit switch
        {
            Unit.Minute => (count.End + 1, new DueMoment(Utc: nowUtc.AddMinutes(count.Value))),
            Unit.Hour => (count.End + 1, new DueMoment(Utc: nowUtc.AddHours(count.Value))),
            _ => null,
        };
    }

    // A date, optionally narrowed by a time: "tomorrow", "friday at 5pm", "12 March, 9:30", "tomorrow evening".
    private (int, DueMoment)? Dated(int i)
    {
        if (DateAtom(i) is not { } date) return null;
        var (end, moment) = date;
        var timeAt = At(end) is "by" or "around" ? end + 1 : end;
        if (Time(timeAt) is { } time)
            return (time.End, moment with { Time = time.Moment.Time, BareHour = time.Moment.BareHour });
        if (!moment.Evening && At(end) is { } part && PartsOfDay.TryGetValue(part, out var partTime))
            return (end + 1, moment with { Time = partTime });
        return date;
    }

    // A time, optionally followed by its date: "5pm", "at noon on friday", "9am tomorrow".
    private (int, DueMoment)? Timed(int i)
    {
        if (Time(i) is not { } time) return null;
        var dateAt = At(time.End) == "on" ? time.End + 1 : time.End;
        if (DateAtom(dateAt) is { } date)
            return (date.End, date.Moment with { Time = time.Moment.Time, BareHour = time.Moment.BareHour });
        return time;
    }

    // "start of tomorrow", "start of next week": 00:00 of that day, for exact day boundaries in filters.
    private (int, DueMoment)? StartOf(int i)
    {
        if (At(i) is not ("start" or "beginning") || At(i + 1) != "of") return null;
        var date = Longest(DateAtom(i + 2), At(i + 2) == "the" ? DateAtom(i + 3) : null);
        return date is { } d ? (d.End, d.Moment with { Time = TimeSpan.Zero, Evening = false }) : null;
    }

    private (int, DueMoment)? IsoInstant(int i) =>
        Iso(i) is { } iso && (iso.Moment.Time is not null || iso.Moment.Utc is not null) ? iso : null;

    internal (int End, DueMoment Moment)? DateAtom(int i)
    {
        var word = At(i);
        if (word is null) return null;
        (int, DueMoment) Day(int end, DateOnly date) => (end, new DueMoment(date));

        switch (word)
        {
            case "today": return Day(i + 1, today);
            case "tonight": return (i + 1, new DueMoment(today) { Evening = true });
            case "tomorrow" or "tmrw": return Day(i + 1, today.AddDays(1));
            case "day" when At(i + 1) == "after" && At(i + 2) == "tomorrow": return Day(i + 3, today.AddDays(2));
            case "this" when At(i + 1) == "weekend": return Day(i + 2, Weekend());
            case "this" when At(i + 1) == "week": return Day(i + 2, EndOfWeek());
            case "this" when Weekday(i + 1) is { } day: return Day(i + 2, Next(day, includeToday: true));
            case "next" when At(i + 1) == "week": return Day(i + 2, Next(DayOfWeek.Monday, includeToday: false));
            case "next" when At(i + 1) == "month": return Day(i + 2, new DateOnly(today.Year, today.Month, 1).AddMonths(1));
            case "next" when Weekday(i + 1) is { } day: return Day(i + 2, Next(day, includeToday: false));
            case "end" when At(i + 1) == "of": return EndOf(i + 2);
            case "in": return LaterDay(i + 1);
        }
        if (Weekday(i) is { } weekday) return Day(i + 1, Next(weekday, includeToday: false));
        if (word == "the")
        {
            if (At(i + 1) == "weekend") return Day(i + 2, Weekend());
            if (At(i + 1) == "week" && At(i + 2) == "after" && At(i + 3) == "next")
                return Day(i + 4, Next(DayOfWeek.Monday, includeToday: false).AddDays(7));
            // Only the forms that read naturally after "the": "the day after tomorrow", "the end of…", "the 12th of March".
            if ((At(i + 1) is "day" or "end" || DayNumber(At(i + 1)) is not null) && DateAtom(i + 1) is { } rest) return rest;
            // "the 1st" alone is a day of the month; the suffix keeps "the 3 boxes" from counting.
            // "the 32nd" matches the ordinal pattern but is no day: it must be refused, not crash.
            return Ordinal().IsMatch(At(i + 1) ?? "") && DayNumber(At(i + 1)) is { } n && DayOfMonth(n) is { } date ? Day(i + 2, date) : null;
        }
        return Longest(DayMonth(i), MonthDay(i), IsoDate(i));
    }

    private (int, DueMoment)? EndOf(int i)
    {
        var at = At(i) is "the" or "this" ? i + 1 : i;
        return At(at) switch
        {
            "week" => (at + 1, new DueMoment(EndOfWeek())),
            "month" => (at + 1, new DueMoment(new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1))),
            "next" when At(at + 1) == "week" => (at + 2, new DueMoment(EndOfWeek().AddDays(7))),
            _ => null,
        };
    }

    // "in 3 days", "in 2 weeks", "in a month": a calendar day, so it ends at 23:59 like any other date.
    private (int, DueMoment)? LaterDay(int i)
    {
        if (Count(i) is not { } count || !Units.TryGetValue(At(count.End) ?? "", out var unit)) return null;
        DateOnly? date = unit switch
        {
            Unit.Day => today.AddDays(count.Value),
            Unit.Week => today.AddDays(7 * count.Value),
            Unit.Month => today.AddMonths(count.Value),
            _ => null,
        };
        return date is { } d ? (count.End + 1, new DueMoment(d)) : null;
    }

    private (int End, int Value)? Count(int i)
    {
        if (At(i) == "a" && At(i + 1) == "couple" && At(i + 2) == "of") return (i + 3, 2);
        if (At(i) == "a" && At(i + 1) == "few") return (i + 2, 3);
        if (At(i) is { } word && Numbers.TryGetValue(word, out var n)) return (i + 1, n);
        return int.TryParse(At(i), NumberStyles.None, CultureInfo.InvariantCulture, out var digits) && digits is > 0 and <= 1000
            ? (i + 1, digits)
            : null;
    }

    // "12 March", "12th of March 2027".
    private (int, DueMoment)? DayMonth(int i)
    {
        if (DayNumber(At(i)) is not { } day) return null;
        var monthAt = At(i + 1) == "of" ? i + 2 : i + 1;
        return At(monthAt) is { } m && Months.TryGetValue(m, out var month) ? CalendarDate(monthAt + 1, month, day) : null;
    }

    // "March 12", "March 12th, 2027", "March the 12th".
    private (int, DueMoment)? MonthDay(int i)
    {
        if (At(i) is not { } m || !Months.TryGetValue(m, out var month)) return null;
        var dayAt = At(i + 1) == "the" ? i + 2 : i + 1;
        return DayNumber(At(dayAt)) is { } day ? CalendarDate(dayAt + 1, month, day) : null;
    }

    private (int, DueMoment)? CalendarDate(int yearAt, int month, int day)
    {
        if (Year(At(yearAt)) is { } year)
            return day <= DateTime.DaysInMonth(year, month) ? (yearAt + 1, new DueMoment(new DateOnly(year, month, day))) : null;
        // Without a year, the next time that day comes round: "12 March" said in April is next year's.
        // 29 February may be up to eight years away.
        for (var y = today.Year; y <= today.Year + 8; y++)
        {
            if (day > DateTime.DaysInMonth(y, month)) continue;
            var date = new DateOnly(y, month, day);
            if (date >= today) return (yearAt, new DueMoment(date));
        }
        return null;
    }

    // This month's, or the next month that has that day once it has passed.
    private DateOnly? DayOfMonth(int day)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        for (var ahead = 0; ahead <= 2; ahead++, month = month.AddMonths(1))
            if (day <= DateTime.DaysInMonth(month.Year, month.Month) && month.AddDays(day - 1) >= today)
                return month.AddDays(day - 1);
        return null;
    }

    private static int? DayNumber(string? word) =>
        word is not null && DayPattern().Match(word) is { Success: true } m && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is var d and >= 1 and <= 31
            ? d
            : null;

    private static int? Year(string? word) =>
        word is { Length: 4 } && int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1970 and <= 9998
            ? y
            : null;

    private DayOfWeek? Weekday(int i) => At(i) is { } w && Weekdays.TryGetValue(w, out var day) ? day : null;

    /// <summary>
    /// The coming <paramref name="day"/>. A bare weekday and "next friday" both mean the first one
    /// after today (on a Friday, "friday" is a week away); only "this friday" can be today.
    /// </summary>
    private DateOnly Next(DayOfWeek day, bool includeToday)
    {
        var days = ((int)day - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(days == 0 && !includeToday ? 7 : days);
    }

    // Saturday; once Saturday has passed, the Sunday that is still "this weekend".
    private DateOnly Weekend() => today.DayOfWeek == DayOfWeek.Sunday ? today : Next(DayOfWeek.Saturday, includeToday: true);

    // Weeks run Monday to Sunday, as in DueWindows.
    private DateOnly EndOfWeek() => Next(DayOfWeek.Sunday, includeToday: true);

    internal (int End, DueMoment Moment)? Time(int i)
    {
        var at = At(i) is "at" or "@" ? i + 1 : i;
        switch (At(at))
        {
            case "noon" or "midday": return (at + 1, new DueMoment(Time: Noon));
            case "midnight": return (at + 1, new DueMoment(Time: Midnight));
            case null: return null;
        }
        if (ClockPattern().Match(At(at)!) is not { Success: true } clock) return null;
        var hour = int.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = clock.Groups["m"].Success ? int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var end = at + 1;
        var meridiem = clock.Groups["ampm"].Success ? clock.Groups["ampm"].Value : null;
        if (meridiem is null && At(end) is "am" or "pm") meridiem = At(end++);
        if (minute > 59) return null;

        if (meridiem is not null)
        {
            if (hour is < 1 or > 12) return null;
            var h24 = hour % 12 + (meridiem == "pm" ? 12 : 0);
            return (end, new DueMoment(Time: new TimeSpan(h24, minute, 0)));
        }
        if (At(end) == "o'clock") end++;
        // A bare number is a time only where nothing else could be meant: "at 9", "9 o'clock", "9:30".
        else if (at == i && !clock.Groups["m"].Success) return null;
        if (hour > 23) return null;
        // "at 5" means 17:00 to almost everyone; 1–6 without am/pm read as afternoon. "05:00" is left alone.
        var bare = hour is >= 1 and <= 11 && !clock.Groups["h"].Value.StartsWith('0');
        if (bare && hour <= 6) hour += 12;
        return (end, new DueMoment(Time: new TimeSpan(hour, minute, 0)) { BareHour = bare });
    }

    private (int, DueMoment)? IsoDate(int i) => Iso(i) is { } iso && iso.Moment.Time is null && iso.Moment.Utc is null ? iso : null;

    private (int End, DueMoment Moment)? Iso(int i)
    {
        if (At(i) is not { } word || IsoPattern().Match(word) is not { Success: true } m) return null;
        int Part(string name) => m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var (year, month, day) = (Part("y"), Part("mo"), Part("d"));
        if (month is < 1 or > 12 || year < 1970 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        var date = new DateOnly(year, month, day);
        if (!m.Groups["h"].Success) return (i + 1, new DueMoment(date));
        if (Part("h") > 23 || Part("mi") > 59 || Part("s") > 59) return null;
        var time = new TimeSpan(Part("h"), Part("mi"), Part("s"));
        if (!m.Groups["zone"].Success) return (i + 1, new DueMoment(date, time));
        var offset = m.Groups["zone"].Value == "z"
            ? TimeSpan.Zero
            : (m.Groups["sign"].Value == "-" ? -1 : 1) * new TimeSpan(Part("oh"), Part("om"), 0);
        var utc = DateTime.SpecifyKind(date.ToDateTime(TimeOnly.MinValue) + time - offset, DateTimeKind.Utc);
        return (i + 1, new DueMoment(Utc: utc));
    }

    [GeneratedRegex(@"^(\d{1,2})(?:st|nd|rd|th)?$")]
    private static partial Regex DayPattern();

    [GeneratedRegex(@"^\d{1,2}(?:st|nd|rd|th)$")]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"^(?<h>\d{1,2})(?::(?<m>\d{2}))?(?<ampm>am|pm)?$")]
    private static partial Regex ClockPattern();

    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})(?:[t ](?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:\.\d+)?)?(?<zone>z|(?<sign>[+-])(?<oh>\d{2}):?(?<om>\d{2}))?)?$")]
    private static partial Regex IsoPattern();
}
