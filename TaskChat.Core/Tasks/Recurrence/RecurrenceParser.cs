using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace TaskChat.Core.Tasks.Recurrence;

/// <summary>
/// Reads an RRULE value part by part, so a refusal names the part ("BYHOUR is not supported") rather
/// than surfacing a library's parse error. Only the subset a task needs is accepted.
/// </summary>
internal static partial class RecurrenceParser
{
    private static readonly string[] Weekdays = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]; // index = DayOfWeek

    public static RecurrenceRule Parse(string text)
    {
        var value = text.Trim();
        if (value.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase)) value = value[6..];
        if (value.Length == 0) throw Fail("The repeat rule is empty.");
        if (value.Length > RecurrenceRule.MaxLength) throw Fail($"The repeat rule must be at most {RecurrenceRule.MaxLength} characters.");

        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || eq == part.Length - 1) throw Fail($"\"{Shorten(part)}\" is not NAME=VALUE.");
            var name = part[..eq].Trim().ToUpperInvariant();
            if (!parts.TryAdd(name, part[(eq + 1)..].Trim().ToUpperInvariant())) throw Fail($"{name} is given twice.");
        }

        foreach (var name in parts.Keys)
            if (name is not ("FREQ" or "INTERVAL" or "BYDAY" or "BYMONTHDAY" or "BYMONTH" or "UNTIL" or "COUNT" or "WKST"))
                throw Fail(name is "BYHOUR" or "BYMINUTE" or "BYSECOND"
                    ? $"{name} is not supported: a task repeats on days; its time of day comes from the due date."
                    : $"{Shorten(name)} is not supported. Use FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, UNTIL or COUNT.");

        if (!parts.TryGetValue("FREQ", out var freqText)) throw Fail("FREQ is required (DAILY, WEEKLY, MONTHLY or YEARLY).");
        var frequency = freqText switch
        {
            "DAILY" => RecurrenceFrequency.Daily,
            "WEEKLY" => RecurrenceFrequency.Weekly,
            "MONTHLY" => RecurrenceFrequency.Monthly,
            "YEARLY" => RecurrenceFrequency.Yearly,
            "HOURLY" or "MINUTELY" or "SECONDLY" => throw Fail($"FREQ={freqText} is not supported: a task repeats at most daily."),
            _ => throw Fail($"FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY, not {Shorten(freqText)}."),
        };

        var interval = parts.TryGetValue("INTERVAL", out var intervalText) ? Number(intervalText, "INTERVAL", 1, RecurrenceRule.MaxInterval) : 1;
        var byMonth = parts.TryGetValue("BYMONTH", out var m) ? Numbers(m, "BYMONTH", 1, 12, allowNegative: false) : [];
        var byMonthDay = parts.TryGetValue("BYMONTHDAY", out var md) ? Numbers(md, "BYMONTHDAY", 1, 31, allowNegative: true) : [];
        if (byMonthDay.Count > 0 && frequency == RecurrenceFrequency.Weekly)
            throw Fail("BYMONTHDAY cannot be used with FREQ=WEEKLY.");
        var byDay = parts.TryGetValue("BYDAY", out var bd) ? Days(bd, frequency) : [];
        var weekStart = parts.TryGetValue("WKST", out var wk) ? Day(wk, "WKST") : DayOfWeek.Monday;

        int? count = parts.TryGetValue("COUNT", out var countText) ? Number(countText, "COUNT", 1, RecurrenceRule.MaxCount) : null;
        var until = parts.TryGetValue("UNTIL", out var untilText) ? Until(untilText) : null;
        if (count is not null && until is not null) throw Fail("Give UNTIL or COUNT, not both.");

        return new RecurrenceRule(frequency, interval, byDay, byMonthDay, byMonth, weekStart, until, count);
    }

    private static int Number(string text, string name, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw Fail($"{name} must be a whole number from {min} to {max}, not {Shorten(text)}.");

    private static IReadOnlyList<int> Numbers(string text, string name, int min, int max, bool allowNegative)
    {
        var numbers = new List<int>();
        foreach (var item in text.Split(','))
        {
            var ok = int.TryParse(item, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n);
            var size = Math.Abs(n);
            if (!ok || size < min || size > max || (n < 0 && !allowNegative))
                throw Fail($"{name} must list numbers from {(allowNegative ? $"±{min}" : min)} to {(allowNegative ? $"±{max}" : max)}, not {Shorten(item)}.");
            if (!numbers.Contains(n)) numbers.Add(n);
        }
        return numbers;
    }

    private static IReadOnlyList<RecurrenceDay> Days(string text, RecurrenceFrequency frequency)
    {
        var days = new List<RecurrenceDay>();
        foreach (var item in text.Split(','))
        {
            var match = DayPattern().Match(item);
            if (!match.Success) throw Fail($"BYDAY must list days such as MO, TU or positions such as 2MO, -1FR; not {Shorten(item)}.");
            int? position = null;
            if (match.Groups[1].Success)
            {
                var max = frequency == RecurrenceFrequency.Yearly ? 53 : 5;
                if (frequency is not (RecurrenceFrequency.Monthly or RecurrenceFrequency.Yearly))
                    throw Fail($"A position in BYDAY ({item}) needs FREQ=MONTHLY or FREQ=YEARLY.");
                var n = int.Parse(match.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                if (n == 0 || Math.Abs(n) > max) throw Fail($"The position in BYDAY ({item}) must be from 1 to {max} or -1 to -{max}.");
                position = n;
            }
            var day = new RecurrenceDay(Day(match.Groups[2].Value, "BYDAY"), position);
            if (!days.Contains(day)) days.Add(day);
        }
        return days;
    }

    private static DayOfWeek Day(string text, string name)
    {
        var i = Array.IndexOf(Weekdays, text);
        return i >= 0 ? (DayOfWeek)i : throw Fail($"{name} must be a day: MO, TU, WE, TH, FR, SA or SU; not {Shorten(text)}.");
    }

    public static string DayCode(DayOfWeek day) => Weekdays[(int)day];

    // UNTIL is a day (inclusive: the whole day counts), a UTC moment (…Z), or a wall-clock time in the user's zone.
    private static RecurrenceUntil Until(string text)
    {
        if (LocalDatePattern.CreateWithInvariantCulture("yyyyMMdd").Parse(text) is { Success: true } date)
            return new RecurrenceUntil(date.Value, null, null);
        if (text.EndsWith('Z') && LocalDateTimePattern.CreateWithInvariantCulture("yyyyMMdd'T'HHmmss").Parse(text[..^1]) is { Success: true } utc)
            return new RecurrenceUntil(null, null, utc.Value.InUtc().ToInstant());
        if (LocalDateTimePattern.CreateWithInvariantCulture("yyyyMMdd'T'HHmmss").Parse(text) is { Success: true } local)
            return new RecurrenceUntil(null, local.Value, null);
        throw Fail($"UNTIL must be a date such as 20271231 (or 20271231T235959Z), not {Shorten(text)}.");
    }

    private static RecurrenceFormatException Fail(string message) => new(message);

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "…";

    [GeneratedRegex("^([+-]?[0-9]{1,2})?(SU|MO|TU|WE|TH|FR|SA)$")]
    private static partial Regex DayPattern();
}

/// <summary>The end of a series: exactly one of the three is set.</summary>
public sealed record RecurrenceUntil(LocalDate? Date, LocalDateTime? Local, Instant? Utc)
{
    public override string ToString() =>
        Date is { } d ? LocalDatePattern.CreateWithInvariantCulture("yyyyMMdd").Format(d)
        : Local is { } l ? LocalDateTimePattern.CreateWithInvariantCulture("yyyyMMdd'T'HHmmss").Format(l)
        : InstantPattern.CreateWithInvariantCulture("yyyyMMdd'T'HHmmss'Z'").Format(Utc!.Value);
}
