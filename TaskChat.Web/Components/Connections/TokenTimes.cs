using System.Globalization;
using TaskChat.Core.Tasks;

namespace TaskChat.Web.Components.Connections;

/// <summary>When a token was made and last used, in the user's zone: recent uses relative, older ones as a date.</summary>
public static class TokenTimes
{
    public static string LastUsed(DateTime? usedUtc, DateTime nowUtc, TimeZoneInfo zone)
    {
        if (usedUtc is not { } used) return "never";
        var ago = nowUtc - used;
        // Recorded at most once a minute (AccessTokens.LastUseResolution): finer would be false precision.
        if (ago < TimeSpan.FromMinutes(1)) return "just now";
        if (ago < TimeSpan.FromHours(1)) return string.Create(CultureInfo.InvariantCulture, $"{(int)ago.TotalMinutes} min ago");
        return DueLabel.Format(used, nowUtc, zone);
    }

    public static string Created(DateTime createdUtc, DateTime nowUtc, TimeZoneInfo zone) => DueLabel.Format(createdUtc, nowUtc, zone);

    public static string Full(DateTime utc, TimeZoneInfo zone) => DueLabel.Full(utc, zone);
}
