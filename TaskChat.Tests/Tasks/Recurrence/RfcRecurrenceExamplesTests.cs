using System.Globalization;
using TaskChat.Core.Tasks.Recurrence;

namespace TaskChat.Tests.Tasks.Recurrence;

/// <summary>
/// RFC 5545 section 3.8.5.3's own examples (DTSTART;TZID=America/New_York:…T090000), walked the way a
/// task walks them: complete an occurrence, take the next due (<see cref="RecurrenceRule.NextAfter"/>)
/// with the rule it returns, until the series ends. Every date is the RFC's; every occurrence is at
/// 09:00 New York time, on both sides of the October and April daylight-saving changes.
/// </summary>
public sealed class RfcRecurrenceExamplesTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static TheoryData<string, string, int, string> Examples => new()
    {
        // rule, DTSTART (local date), how many to take (0 = until the rule ends), expected dates
        { "FREQ=DAILY;COUNT=10", "1997-09-02", 0, "1997-09-02 03 04 05 06 07 08 09 10 11" },
        { "FREQ=DAILY;INTERVAL=10;COUNT=5", "1997-09-02", 0, "1997-09-02 12 22, 1997-10-02 12" },
        { "FREQ=DAILY;INTERVAL=2", "1997-09-02", 16, "1997-09-02 04 06 08 10 12 14 16 18 20 22 24 26 28 30, 1997-10-02" },
        { "FREQ=WEEKLY;COUNT=10", "1997-09-02", 0, "1997-09-02 09 16 23 30, 1997-10-07 14 21 28, 1997-11-04" },
        { "FREQ=WEEKLY;UNTIL=19971224T000000Z", "1997-09-02", 0, "1997-09-02 09 16 23 30, 1997-10-07 14 21 28, 1997-11-04 11 18 25, 1997-12-02 09 16 23" },
        { "FREQ=WEEKLY;INTERVAL=2;WKST=SU", "1997-09-02", 10, "1997-09-02 16 30, 1997-10-14 28, 1997-11-11 25, 1997-12-09 23, 1998-01-06" },
        { "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", "1997-09-02", 0, "1997-09-02 04 09 11 16 18 23 25 30, 1997-10-02" },
        { "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", "1997-09-02", 0, "1997-09-02 04 09 11 16 18 23 25 30, 1997-10-02" },
        { "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR", "1997-09-01", 0,
            "1997-09-01 03 05 15 17 19 29, 1997-10-01 03 13 15 17 27 29 31, 1997-11-10 12 14 24 26 28, 1997-12-08 10 12 22" },
        { "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", "1997-09-02", 0, "1997-09-02 04 16 18 30, 1997-10-02 14 16" },
        { "FREQ=MONTHLY;COUNT=10;BYDAY=1FR", "1997-09-05", 0,
            "1997-09-05, 1997-10-03, 1997-11-07, 1997-12-05, 1998-01-02, 1998-02-06, 1998-03-06, 1998-04-03, 1998-05-01, 1998-06-05" },
        { "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR", "1997-09-05", 0, "1997-09-05, 1997-10-03, 1997-11-07, 1997-12-05" },
        { "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", "1997-09-07", 0,
            "1997-09-07 28, 1997-11-02 30, 1998-01-04 25, 1998-03-01 29, 1998-05-03 31" },
        { "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", "1997-09-22", 0, "1997-09-22, 1997-10-20, 1997-11-17, 1997-12-22, 1998-01-19, 1998-02-16" },
        { "FREQ=MONTHLY;BYMONTHDAY=-3", "1997-09-28", 6, "1997-09-28, 1997-10-29, 1997-11-28, 1997-12-29, 1998-01-29, 1998-02-26" },
        { "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", "1997-09-02", 0, "1997-09-02 15, 1997-10-02 15, 1997-11-02 15, 1997-12-02 15, 1998-01-02 15" },
        { "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", "1997-09-30", 0, "1997-09-30, 1997-10-01 31, 1997-11-01 30, 1997-12-01 31, 1998-01-01 31, 1998-02-01" },
        { "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15", "1997-09-10", 0, "1997-09-10 11 12 13 14 15, 1999-03-10 11 12 13" },
        { "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", "1997-09-02", 18, "1997-09-02 09 16 23 30, 1997-11-04 11 18 25, 1998-01-06 13 20 27, 1998-03-03 10 17 24 31" },
        { "FREQ=YEARLY;COUNT=10;BYMONTH=6,7", "1997-06-10", 0,
            "1997-06-10, 1997-07-10, 1998-06-10, 1998-07-10, 1999-06-10, 1999-07-10, 2000-06-10, 2000-07-10, 2001-06-10, 2001-07-10" },
        { "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3", "1997-03-10", 0,
            "1997-03-10, 1999-01-10, 1999-02-10, 1999-03-10, 2001-01-10, 2001-02-10, 2001-03-10, 2003-01-10, 2003-02-10, 2003-03-10" },
        { "FREQ=YEARLY;BYDAY=20MO", "1997-05-19", 3, "1997-05-19, 1998-05-18, 1999-05-17" },
        { "FREQ=YEARLY;BYMONTH=3;BYDAY=TH", "1997-03-13", 11, "1997-03-13 20 27, 1998-03-05 12 19 26, 1999-03-04 11 18 25" },
        // The RFC excludes DTSTART (1997-09-02, a Tuesday) with EXDATE; here it is simply the task's first due.
        { "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "1997-09-02", 6, "1997-09-02, 1998-02-13, 1998-03-13, 1998-11-13, 1999-08-13, 2000-10-13" },
        { "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", "1997-09-13", 10,
            "1997-09-13, 1997-10-11, 1997-11-08, 1997-12-13, 1998-01-10, 1998-02-07, 1998-03-07, 1998-04-11, 1998-05-09, 1998-06-13" },
        { "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", "1996-11-05", 3, "1996-11-05, 2000-11-07, 2004-11-02" },
        { "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", "1997-08-05", 0, "1997-08-05 10 19 24" },
        { "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", "1997-08-05", 0, "1997-08-05 17 19 31" },
        { "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", "2007-01-15", 0, "2007-01-15 30, 2007-02-15, 2007-03-15 30" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Completing_occurrence_after_occurrence_follows_the_rfc(string rule, string start, int take, string expected)
    {
        var dates = Walk(rule, start, take == 0 ? 500 : take);

        Assert.Equal(Dates(expected), dates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.All(dates, d => Assert.Equal(new TimeSpan(9, 0, 0), d.TimeOfDay));
    }

    [Fact]
    public void Daily_until_24_december_runs_through_the_23rd()
    {
        var dates = Walk("FREQ=DAILY;UNTIL=19971224T000000Z", "1997-09-02", 500);

        var expected = Enumerable.Range(0, 113).Select(i => new DateTime(1997, 9, 2).AddDays(i)).ToArray();
        Assert.Equal(new DateTime(1997, 12, 23), expected[^1]);
        Assert.Equal(expected, dates.Select(d => d.Date));
    }

    [Fact]
    public void Every_day_in_january_for_three_years()
    {
        var dates = Walk("FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1", "1998-01-01", 500);

        var expected = new[] { 1998, 1999, 2000 }.SelectMany(y => Enumerable.Range(1, 31).Select(d => new DateTime(y, 1, d)));
        Assert.Equal(expected, dates.Select(d => d.Date));
    }

    /// <summary>The task's dues, in New York wall-clock time, as each occurrence is completed in turn.</summary>
    private static List<DateTime> Walk(string text, string start, int max)
    {
        var rule = RecurrenceRule.Parse(text);
        var due = TimeZoneInfo.ConvertTimeToUtc(DateTime.ParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddHours(9), NewYork);
        var dues = new List<DateTime> { due };
        while (dues.Count < max && rule.NextAfter(due, NewYork) is { } step)
        {
            (due, rule) = (step.DueUtc, step.Rule);
            dues.Add(due);
        }
        return dues.Select(d => TimeZoneInfo.ConvertTimeFromUtc(d, NewYork)).ToList();
    }

    // "1997-09-02 03 04, 1997-10-02" → the full dates: a group's first date gives year and month to the days after it.
    private static IEnumerable<string> Dates(string compact) =>
        compact.Split(", ").SelectMany(group =>
        {
            var items = group.Split(' ');
            return items.Take(1).Concat(items.Skip(1).Select(day => items[0][..8] + day));
        });
}
