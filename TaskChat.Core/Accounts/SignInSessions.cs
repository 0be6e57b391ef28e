using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TaskChat.Core.Data;
using TaskChat.Core.Sync;

namespace TaskChat.Core.Accounts;

/// <summary>
/// One row per sign-in, named in its cookie, so that signing out ends that sign-in on the server:
/// a copy of the cookie saved before sign-out is refused after it. Rows live in Identity's
/// user-token table (provider <see cref="Provider"/>, name = the session id, value = when it
/// expires), so they go with a deleted account and need no table of their own.
/// </summary>
public sealed class SignInSessions(IDbContextFactory<AppDbContext> dbFactory, IUserBroadcaster events, TimeProvider clock)
{
    public const string Provider = "TaskChat:SignIn";

    /// <summary>Starts a session that lasts until <paramref name="expires"/>; also drops the user's expired ones.</summary>
    public async Task<string> StartAsync(string userId, DateTimeOffset expires, CancellationToken ct = default)
    {
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var now = Stamp(clock.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Value!.CompareTo(now) < 0).ExecuteDeleteAsync(ct);
        db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = Provider, Name = id, Value = Stamp(expires) });
        await db.SaveChangesAsync(ct);
        return id;
    }

    /// <summary>Whether the session exists and has not expired: one read by primary key.</summary>
    public async Task<bool> IsLiveAsync(string userId, string sessionId, CancellationToken ct = default) =>
        await ExpiryAsync(userId, sessionId, ct) is { } expires && expires > clock.GetUtcNow();

    /// <summary>
    /// <see cref="IsLiveAsync"/>, and a live session whose remaining time has fallen under half of
    /// <paramref name="lifetime"/> is moved to now + lifetime: it keeps pace with the sliding
    /// cookie (renewed on the same rule) at one write per half-lifetime.
    /// </summary>
    public async Task<bool> TouchAsync(string userId, string sessionId, TimeSpan lifetime, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (await ExpiryAsync(userId, sessionId, ct) is not { } expires || expires <= now) return false;
        if (expires - now >= lifetime / 2) return true;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await Row(db, userId, sessionId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, Stamp(now + lifetime)), ct);
        return true;
    }

    /// <summary>Ends one session; its open tabs are told at once.</summary>
    public async Task EndAsync(string userId, string sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await Row(db, userId, sessionId).ExecuteDeleteAsync(ct) > 0)
            events.Publish(userId, new SessionsEnded(sessionId));
    }

    /// <summary>Ends every session of the user; all their open tabs are told at once.</summary>
    public async Task EndAllAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider).ExecuteDeleteAsync(ct);
        events.Publish(userId, new SessionsEnded(null));
    }

    /// <summary>Drops every expired session (ExpiredSessionSweep: at start-up, then daily), so rows of cookies never signed out do not pile up.</summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken ct = default)
    {
        var now = Stamp(clock.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UserTokens.Where(t => t.LoginProvider == Provider && t.Value!.CompareTo(now) < 0).ExecuteDeleteAsync(ct);
    }

    private async Task<DateTimeOffset?> ExpiryAsync(string userId, string sessionId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var value = await Row(db, userId, sessionId).Select(t => t.Value).FirstOrDefaultAsync(ct);
        return DateTimeOffset.TryParseExact(value, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expires)
            ? expires
            : null;
    }

    private static IQueryable<IdentityUserToken<string>> Row(AppDbContext db, string userId, string sessionId) =>
        db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == sessionId);

    // Fixed width, UTC: compared as text in SQL, it orders as the instants do.
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private static string Stamp(DateTimeOffset instant) => instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}
