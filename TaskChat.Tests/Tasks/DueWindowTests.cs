using TaskChat.Core.Tasks;

namespace TaskChat.Tests.Tasks;

public sealed class DueWindowTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void Today_is_the_users_calendar_day()
    {
        // 02:00 UTC on Thursday is still Wednesday evening in New York.
        var now = new DateTime(2026, 3, 12, 2, 0, 0, DateTimeKind.Utc);
        var today = new TaskQuery().Apply(DueWindow.Today, now, NewYork);

        Assert.Equal(new DateTime(2026, 3, 11, 4, 0, 0, DateTimeKind.Utc), today.DueFromUtc);
        Assert.Equal(new DateTime(2026, 3, 12, 4, 0, 0, DateTimeKind.Utc), today.DueBeforeUtc);
    }

    [Theory]
    [InlineData(9, 16)]  // Monday → the next Monday
    [InlineData(14, 16)] // Saturday → two days
    [InlineData(15, 16)] // Sunday → just today
    public void This_week_ends_at_the_start_of_next_monday(int day, int nextMondayDay)
    {
        var now = new DateTime(2026, 3, day, 17, 0, 0, DateTimeKind.Utc);
        var week = new TaskQuery().Apply(DueWindow.ThisWeek, now, TimeZoneInfo.Utc);
        Assert.Equal(new DateTime(2026, 3, nextMondayDay, 0, 0, 0, DateTimeKind.Utc), week.DueBeforeUtc);
    }

    [Fact]
    public void Overdue_means_open_and_due_before_now()
    {
        var now = new DateTime(2026, 3, 11, 15, 0, 0, DateTimeKind.Utc);
        var overdue = new TaskQuery { Status = TaskStatusFilter.All }.Apply(DueWindow.Overdue, now, NewYork);
        Assert.Equal(TaskStatusFilter.Open, overdue.Status);
        Assert.Equal(now, overdue.DueBeforeUtc);
        Assert.Null(overdue.DueFromUtc);
    }

    [Fact]
    public void A_wall_clock_time_skipped_by_dst_moves_forward()
    {
        // 8 March 2026, 02:30 does not exist in New York (clocks jump 02:00 → 03:00 EDT).
        var utc = DueWindows.LocalToUtc(new DateTime(2026, 3, 8, 2, 30, 0), NewYork);
        Assert.Equal(new DateTime(2026, 3, 8, 7, 0, 0, DateTimeKind.Utc), utc); // 03:00 EDT
    }

    [Fact]
    public void A_repeated_wall_clock_time_takes_the_first_one()
    {
        // 1 November 2026, 01:30 happens twice in New York; the first is EDT (UTC-4).
        var utc = DueWindows.LocalToUtc(new DateTime(2026, 11, 1, 1, 30, 0), NewYork);
        Assert.Equal(new DateTime(2026, 11, 1, 5, 30, 0, DateTimeKind.Utc), utc);
    }
}
