namespace TaskChat.Core.Tasks;

public enum DueWindow
{
    Any,
    Overdue,
    Today,
    ThisWeek,
}

/// <summary>
/// Turns "overdue", "today" and "this week" into UTC ranges. Days and weeks are the user's, not the
/// server's: "today" for someone in Tokyo ends hours before "today" in New York.
/// </summary>
public static class DueWindows
{
    public static TaskQuery Apply(this TaskQuery query, DueWindow window, DateTime nowUtc, TimeZoneInfo zone)
    {
        var today = StartOfLocalDayUtc(nowUtc, zone, 0);
        return window switch
        {
            DueWindow.Any => query,
            // Only open tasks can be late.
            DueWindow.Overdue => query with { Status = TaskStatusFilter.Open, DueFromUtc = null, DueBeforeUtc = nowUtc },
            DueWindow.Today => query with { DueFromUtc = today, DueBeforeUtc = StartOfLocalDayUtc(nowUtc, zone, 1) },
            DueWindow.ThisWeek => query with { DueFromUtc = today, DueBeforeUtc = StartOfLocalDayUtc(nowUtc, zone, DaysToNextMonday(nowUtc, zone)) },
            _ => throw new ArgumentOutOfRangeException(nameof(window)),
        };
    }

    /// <summary>Midnight, in the user's zone, <paramref name="addDays"/> days after today; as UTC.</summary>
    public static DateTime StartOfLocalDayUtc(DateTime nowUtc, TimeZoneInfo zone, int addDays)
    {
        var localDate = TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone).Date.AddDays(addDays);
        return LocalToUtc(localDate, zone);
    }

    /// <summary>
    /// A wall-clock time in the user's zone as UTC. A time skipped by a DST jump moves forward to the
    /// next valid half hour (02:30 → 03:00); a repeated time (the doubled hour) takes the earlier instant.
    /// </summary>
    public static DateTime LocalToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        if (zone.IsAmbiguousTime(local))
        {
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, offset).UtcDateTime;
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    // Weeks run Monday to Sunday (ISO 8601): on a Sunday, "this week" is just today.
    private static int DaysToNextMonday(DateTime nowUtc, TimeZoneInfo zone)
    {
        var day = TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone).DayOfWeek;
        return day == DayOfWeek.Sunday ? 1 : 8 - (int)day;
    }
}
