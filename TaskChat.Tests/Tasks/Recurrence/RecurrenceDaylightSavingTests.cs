using TaskChat.Core.Tasks.Recurrence;

namespace TaskChat.Tests.Tasks.Recurrence;

/// <summary>"Every day at 9:00" stays at 9:00 local on both sides of both daylight-saving changes.</summary>
public sealed class RecurrenceDaylightSavingTests
{
    private static readonly RecurrenceRule Daily = RecurrenceRule.Parse("FREQ=DAILY");

    // zone, local day before the change, local time, UTC of the next occurrence (on the day of the change)
    public static TheoryData<string, string, string, string> Changes => new()
    {
        { "America/New_York", "2026-03-07", "09:00", "2026-03-08T13:00:00Z" }, // EST → EDT: 09:00 is 13:00Z, no longer 14:00Z
        { "America/New_York", "2026-10-31", "09:00", "2026-11-01T14:00:00Z" }, // EDT → EST
        { "Europe/Berlin", "2026-03-28", "09:00", "2026-03-29T07:00:00Z" },    // CET → CEST
        { "Europe/Berlin", "2026-10-24", "09:00", "2026-10-25T08:00:00Z" },    // CEST → CET
        { "Europe/Berlin", "2026-03-28", "23:59", "2026-03-29T21:59:00Z" },    // a due day without a time (23:59) stays that day
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void The_next_occurrence_keeps_the_wall_clock_time(string zoneId, string day, string time, string expectedUtc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var due = TimeZoneInfo.ConvertTimeToUtc(DateTime.Parse($"{day}T{time}:00"), zone);

        var next = Daily.NextAfter(due, zone)!;
        var after = Daily.NextAfter(next.DueUtc, zone)!;

        Assert.Equal(DateTime.Parse(expectedUtc).ToUniversalTime(), next.DueUtc);
        Assert.Equal(TimeSpan.Parse(time), TimeZoneInfo.ConvertTimeFromUtc(next.DueUtc, zone).TimeOfDay);
        Assert.Equal(TimeSpan.Parse(time), TimeZoneInfo.ConvertTimeFromUtc(after.DueUtc, zone).TimeOfDay);
        Assert.Equal(TimeSpan.FromDays(1), TimeZoneInfo.ConvertTimeFromUtc(after.DueUtc, zone) - TimeZoneInfo.ConvertTimeFromUtc(next.DueUtc, zone));
    }

    [Fact]
    public void A_time_skipped_by_the_spring_jump_moves_forward_by_the_gap()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var due = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 3, 7, 2, 30, 0), newYork);

        var next = Daily.NextAfter(due, newYork)!;

        // 02:30 does not exist on 8 March 2026 in New York: it becomes 03:30 EDT.
        Assert.Equal(new DateTime(2026, 3, 8, 7, 30, 0, DateTimeKind.Utc), next.DueUtc);
    }

    [Fact]
    public void A_time_that_happens_twice_in_autumn_takes_the_first()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var due = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 10, 24, 2, 30, 0), berlin);

        var next = Daily.NextAfter(due, berlin)!;

        Assert.Equal(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc), next.DueUtc); // 02:30 CEST, not CET
    }

    [Fact]
    public void A_weekly_rule_across_the_change_lands_on_the_named_day_at_the_same_time()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var rule = RecurrenceRule.Parse("FREQ=WEEKLY;BYDAY=MO");
        var due = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 3, 2, 9, 0, 0), newYork); // Monday, EST

        var next = rule.NextAfter(due, newYork)!;

        Assert.Equal(new DateTime(2026, 3, 9, 9, 0, 0), TimeZoneInfo.ConvertTimeFromUtc(next.DueUtc, newYork));
    }
}
