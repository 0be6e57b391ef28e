using NodaTime;
using NodaTime.TimeZones;

namespace TaskChat.Core.Tasks.Recurrence;

/// <summary>The NodaTime zone for a user's <see cref="TimeZoneInfo"/>, by its IANA id in NodaTime's own tzdb.</summary>
public static class RecurrenceZones
{
    public static DateTimeZone Find(TimeZoneInfo zone)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone.Id) is { } tz) return tz;
        // A Windows id (from a Windows server's TimeZoneInfo) maps to its IANA twin.
        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) && DateTimeZoneProviders.Tzdb.GetZoneOrNull(iana) is { } mapped)
            return mapped;
        return BclDateTimeZone.FromTimeZoneInfo(zone);
    }
}
