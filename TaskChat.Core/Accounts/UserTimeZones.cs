using Microsoft.EntityFrameworkCore;
using TaskChat.Core.Data;

namespace TaskChat.Core.Accounts;

/// <summary>Reads and records the time zone each user's dates are shown and resolved in.</summary>
public sealed class UserTimeZones(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<TimeZoneInfo> GetAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(ct);
        return Find(id) ?? TimeZoneInfo.Utc;
    }

    /// <summary>Records the zone if it is a known IANA id; returns the zone now in force.</summary>
    public async Task<TimeZoneInfo> SetAsync(string userId, string? timeZoneId, CancellationToken ct = default)
    {
        if (Find(timeZoneId) is not { } zone) return await GetAsync(userId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == userId && u.TimeZone != zone.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZone, zone.Id), ct);
        return zone;
    }

    public static TimeZoneInfo? Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 100 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : null;
}
