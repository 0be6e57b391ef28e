using System.Globalization;

namespace TaskChat.Core.Tasks;

/// <summary>How a due date reads in a row: "Today 17:00", "Tomorrow", "Fri 09:30", "3 Mar 2027".</summary>
public static class DueLabel
{
    /// <param name="hasTime">False for a due day without a time of day: only the day shows.</param>
    public static string Format(DateTime dueUtc, DateTime nowUtc, TimeZoneInfo zone, bool hasTime = true)
    {
        var due = TimeZoneInfo.ConvertTimeFromUtc(dueUtc, zone);
        var today = TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone).Date;
        var time = !hasTime || IsDayOnly(due) ? "" : " " + due.ToString("HH:mm", CultureInfo.InvariantCulture);
        var days = (due.Date - today).Days;
        var day = days switch
        {
            0 => "Today",
            1 => "Tomorrow",
            -1 => "Yesterday",
            > 1 and < 7 => due.ToString("ddd", CultureInfo.InvariantCulture),
            _ when due.Year == today.Year => due.ToString("d MMM", CultureInfo.InvariantCulture),
            _ => due.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
        };
        return day + time;
    }

    /// <summary>
    /// Midnight, or 23:59 (what "due tomorrow" resolves to: the end of that day), reads as the day
    /// alone: "Tomorrow", not "Tomorrow 23:59".
    /// </summary>
    private static bool IsDayOnly(DateTime local) => local.TimeOfDay == TimeSpan.Zero || local.TimeOfDay == new TimeSpan(23, 59, 0);

    /// <summary>The full date for a tooltip and for screen readers.</summary>
    public static string Full(DateTime dueUtc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(dueUtc, zone).ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture)
        + $" ({zone.Id})";
}
