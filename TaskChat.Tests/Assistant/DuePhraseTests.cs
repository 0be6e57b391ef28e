using System.Globalization;
using TaskChat.Core.Assistant.Dates;

namespace TaskChat.Tests.Assistant;

public sealed class DuePhraseTests
{
    // Wednesday 11 March 2026, 15:30 UTC: 15:30 GMT in London, 11:30 EDT in New York (DST began 8 March there;
    // London moves to BST on 29 March).
    private static readonly DateTime Now = new(2026, 3, 11, 15, 30, 0, DateTimeKind.Utc);
    private const string London = "Europe/London";
    private const string NewYork = "America/New_York";

    [Theory]
    // Days: no time means 23:59 local.
    [InlineData(London, "today", "2026-03-11 23:59")]
    [InlineData(London, "TODAY", "2026-03-11 23:59")]
    [InlineData(NewYork, "today", "2026-03-12 03:59")]
    [InlineData(London, "tonight", "2026-03-11 20:00")]
    [InlineData(NewYork, "tonight", "2026-03-12 00:00")]
    [InlineData(London, "tonight at 9", "2026-03-11 21:00")]
    [InlineData(London, "tomorrow", "2026-03-12 23:59")]
    [InlineData(London, "by tomorrow", "2026-03-12 23:59")]
    [InlineData(London, "due tomorrow", "2026-03-12 23:59")]
    [InlineData(NewYork, "tomorrow", "2026-03-13 03:59")]
    [InlineData(London, "day after tomorrow", "2026-03-13 23:59")]
    [InlineData(London, "the day after tomorrow", "2026-03-13 23:59")]
    // Weekdays: bare and "next" both mean the first one after today; "this" may be today.
    [InlineData(London, "friday", "2026-03-13 23:59")]
    [InlineData(London, "on Friday", "2026-03-13 23:59")]
    [InlineData(London, "next friday", "2026-03-13 23:59")]
    [InlineData(London, "wednesday", "2026-03-18 23:59")]
    [InlineData(London, "this wednesday", "2026-03-11 23:59")]
    [InlineData(London, "fri", "2026-03-13 23:59")]
    [InlineData(London, "this weekend", "2026-03-14 23:59")]
    [InlineData(London, "next week", "2026-03-16 23:59")]
    [InlineData(London, "end of the week", "2026-03-15 23:59")]
    [InlineData(London, "end of week", "2026-03-15 23:59")]
    [InlineData(London, "next month", "2026-04-01 22:59")] // 23:59 BST
    [InlineData(NewYork, "next month", "2026-04-02 03:59")]
    [InlineData(London, "end of the month", "2026-03-31 22:59")]
    // Counted from now.
    [InlineData(London, "in 3 days", "2026-03-14 23:59")]
    [InlineData(London, "in three days", "2026-03-14 23:59")]
    [InlineData(London, "in 2 weeks", "2026-03-25 23:59")]
    [InlineData(London, "in 3 weeks", "2026-04-01 22:59")] // lands after the clocks change
    [InlineData(London, "in an hour", "2026-03-11 16:30")]
    [InlineData(London, "in 30 minutes", "2026-03-11 16:00")]
    [InlineData(London, "in half an hour", "2026-03-11 16:00")]
    [InlineData(NewYork, "in 2 hours", "2026-03-11 17:30")]
    // Day and month; past ones roll to next year.
    [InlineData(London, "12 March", "2026-03-12 23:59")]
    [InlineData(London, "March 12", "2026-03-12 23:59")]
    [InlineData(London, "the 12th of March", "2026-03-12 23:59")]
    [InlineData(London, "mar 12th", "2026-03-12 23:59")]
    [InlineData(London, "11 March", "2026-03-11 23:59")]
    [InlineData(London, "10 March", "2027-03-10 23:59")]
    [InlineData(London, "on 12 March at 5pm", "2026-03-12 17:00")]
    [InlineData(London, "12 March 2027", "2027-03-12 23:59")]
    [InlineData(London, "March 12, 2027", "2027-03-12 23:59")]
    [InlineData(London, "12 March 2025", "2025-03-12 23:59")] // a year given is kept, even past
    [InlineData(London, "on the 20th", "2026-03-20 23:59")] // a day of this month…
    [InlineData(London, "the 1st", "2026-04-01 22:59")] // …or of the next, once passed
    // Times alone: today, or tomorrow once passed.
    [InlineData(London, "at 5pm", "2026-03-11 17:00")]
    [InlineData(NewYork, "at 5pm", "2026-03-11 21:00")]
    [InlineData(London, "at 3pm", "2026-03-12 15:00")]
    [InlineData(NewYork, "at 11am", "2026-03-12 15:00")]
    [InlineData(London, "at 17:30", "2026-03-11 17:30")]
    [InlineData(London, "5:30 pm", "2026-03-11 17:30")]
    [InlineData(London, "5:30p.m.", "2026-03-11 17:30")]
    [InlineData(London, "at 5", "2026-03-11 17:00")] // 1–6 without am/pm: afternoon
    [InlineData(London, "at 05:00", "2026-03-12 05:00")]
    [InlineData(London, "noon", "2026-03-12 12:00")]
    [InlineData(NewYork, "noon", "2026-03-11 16:00")]
    [InlineData(London, "midnight", "2026-03-12 00:00")]
    // Date and time together.
    [InlineData(London, "tomorrow at 9", "2026-03-12 09:00")]
    [InlineData(London, "tomorrow 9am", "2026-03-12 09:00")]
    [InlineData(London, "friday 10am", "2026-03-13 10:00")]
    [InlineData(NewYork, "friday 10am", "2026-03-13 14:00")]
    [InlineData(London, "5pm tomorrow", "2026-03-12 17:00")]
    [InlineData(London, "at noon on friday", "2026-03-13 12:00")]
    [InlineData(London, "tomorrow morning", "2026-03-12 09:00")]
    [InlineData(London, "friday midnight", "2026-03-14 00:00")] // the midnight that ends Friday
    [InlineData(London, "in 3 days at 5pm", "2026-03-14 17:00")]
    // ISO 8601: with an offset it is exact; without, the user's wall clock.
    [InlineData(London, "2026-03-20", "2026-03-20 23:59")]
    [InlineData(NewYork, "2026-03-20T09:00", "2026-03-20 13:00")]
    [InlineData(NewYork, "2026-03-20 09:00:00", "2026-03-20 13:00")]
    [InlineData(NewYork, "2026-03-20T09:00:00Z", "2026-03-20 09:00")]
    [InlineData(London, "2026-03-20T09:00:00+01:00", "2026-03-20 08:00")]
    [InlineData(London, "2026-03-20T09:00:00.000-0500", "2026-03-20 14:00")]
    // Filter boundaries.
    [InlineData(London, "now", "2026-03-11 15:30")]
    [InlineData(London, "start of today", "2026-03-11 00:00")]
    [InlineData(London, "start of tomorrow", "2026-03-12 00:00")]
    [InlineData(NewYork, "start of next week", "2026-03-16 04:00")]
    [InlineData(London, "start of the week after next", "2026-03-23 00:00")]
    // DST edges: 29 March 01:00–02:00 does not exist in London; 1 November 01:00–02:00 happens twice in New York.
    [InlineData(London, "29 March at 1:30am", "2026-03-29 01:00")]
    [InlineData(London, "29 March at 9am", "2026-03-29 08:00")]
    [InlineData(NewYork, "1 November at 1:30am", "2026-11-01 05:30")]
    [InlineData(NewYork, "8 November at 9am", "2026-11-08 14:00")]
    public void Resolves_in_the_users_zone(string zone, string phrase, string expectedUtc)
    {
        Assert.True(DuePhrase.TryResolve(phrase, Now, Zone(zone), out var due), $"'{phrase}' was rejected");
        Assert.Equal(DateTimeKind.Utc, due.Kind);
        Assert.Equal(expectedUtc, Format(due));
    }

    [Theory]
    [InlineData("someday")]
    [InlineData("12/3")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("banana")]
    [InlineData("tomorrow banana")]
    [InlineData("31 February")]
    [InlineData("at 25:00")]
    [InlineData("13pm")]
    [InlineData("next")]
    [InlineData("march")]
    [InlineData("12")]
    [InlineData("in 3 bananas")]
    [InlineData("2026-13-01")]
    [InlineData("the 20")]
    [InlineData("the 32nd")]
    [InlineData("on the 99th")]
    public void Rejects_what_is_not_a_due_date(string phrase) =>
        Assert.False(DuePhrase.TryResolve(phrase, Now, Zone(London), out _));

    [Theory]
    [InlineData("2026-04-20T10:00:00Z", "12 March", "2027-03-12 23:59")]
    [InlineData("2026-04-20T10:00:00Z", "29 February", "2028-02-29 23:59")]
    // On a Friday, "friday" is next week's and "this friday" is today.
    [InlineData("2026-03-13T10:00:00Z", "friday", "2026-03-20 23:59")]
    [InlineData("2026-03-13T10:00:00Z", "this friday", "2026-03-13 23:59")]
    // On Sunday "this weekend" is today and "next week" is tomorrow.
    [InlineData("2026-03-15T10:00:00Z", "this weekend", "2026-03-15 23:59")]
    [InlineData("2026-03-15T10:00:00Z", "next week", "2026-03-16 23:59")]
    // Across the London spring-forward: tomorrow 09:00 is BST, 24 hours is still 24 hours.
    [InlineData("2026-03-28T12:00:00Z", "tomorrow at 9am", "2026-03-29 08:00")]
    [InlineData("2026-03-28T12:00:00Z", "in 24 hours", "2026-03-29 12:00")]
    public void Depends_on_when_it_is_said(string nowUtc, string phrase, string expectedUtc)
    {
        var now = DateTime.Parse(nowUtc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.True(DuePhrase.TryResolve(phrase, now, Zone(London), out var due));
        Assert.Equal(expectedUtc, Format(due));
    }

    [Fact]
    public void Today_is_the_users_day_not_the_servers()
    {
        // 03:30 UTC on Thursday is 23:30 on Wednesday in New York.
        var now = new DateTime(2026, 3, 12, 3, 30, 0, DateTimeKind.Utc);
        Assert.True(DuePhrase.TryResolve("today", now, Zone(NewYork), out var today));
        Assert.Equal("2026-03-12 03:59", Format(today));
    }

    [Fact]
    public void A_date_alone_is_due_at_the_end_of_the_day() =>
        Assert.Equal(new TimeSpan(23, 59, 0), DuePhrase.EndOfDay);

    [Theory]
    [InlineData("buy milk tomorrow at 5pm", "tomorrow at 5pm", 9)]
    [InlineData("call mum on Friday at 5pm about the party", "Friday at 5pm", 12)]
    [InlineData("renew passport next month, low priority", "next month", 15)]
    [InlineData("book the dentist in 3 days", "in 3 days", 17)]
    [InlineData("submit report 2026-03-20T09:00Z please", "2026-03-20T09:00Z", 14)]
    [InlineData("pay rent by the end of the week", "the end of the week", 12)]
    public void Finds_the_longest_expression_in_a_sentence(string sentence, string expected, int start)
    {
        var match = DuePhrase.Find(sentence, Now, Zone(London));
        Assert.NotNull(match);
        Assert.Equal(expected, match.Text);
        Assert.Equal(start, match.Start);
        Assert.Equal(expected.Length, match.Length);
        Assert.True(DuePhrase.TryResolve(expected, Now, Zone(London), out var due));
        Assert.Equal(due, match.DueUtc);
    }

    [Theory]
    [InlineData("buy 12 eggs")]
    [InlineData("buy sun cream")]
    [InlineData("now add milk")]
    [InlineData("12/3 meeting notes")]
    [InlineData("due on the 32nd")]
    [InlineData("")]
    public void Finds_nothing_where_there_is_no_date(string sentence) =>
        Assert.Null(DuePhrase.Find(sentence, Now, Zone(London)));

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
