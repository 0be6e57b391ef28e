using Microsoft.EntityFrameworkCore;
using TaskChat.Core.Data;
using TaskChat.Core.Sync;

namespace TaskChat.Core.Connections;

/// <summary>
/// Confirmation in the web app for connected apps whose client cannot ask the user itself (no MCP
/// elicitation). Kept in the database, so every instance's tabs show the same requests and an
/// approval survives a restart. Every change is conditional on the row's status, so two tabs (or two
/// instances) deciding at once, or an app calling twice at once, use an approval exactly once.
/// </summary>
public sealed class AppApprovals(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IUserBroadcaster events)
{
    /// <summary>How long a request waits for the user, and an approval for the app's call.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Uses the user's decision on this exact call if there is one; otherwise asks for it (once: a
    /// request already waiting is not repeated).
    /// </summary>
    public async Task<AppApprovalState> ClaimOrRequestAsync(TokenHolder holder, string toolName, string argumentsJson, string summary, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var same = db.AppApprovals.Where(a => a.OwnerId == holder.UserId && a.TokenId == holder.TokenId && a.ToolName == toolName
                                              && a.ArgumentsJson == argumentsJson && a.ExpiresUtc > now);

        if (await same.Where(a => a.Status == AppApprovalStatus.Approved).OrderBy(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct) is { } approved
            && await UseAsync(db, approved, AppApprovalStatus.Approved, ct))
            return AppApprovalState.Approved;
        if (await same.Where(a => a.Status == AppApprovalStatus.Declined).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct) is { } declined
            && await UseAsync(db, declined, AppApprovalStatus.Declined, ct))
            return AppApprovalState.Declined;
        if (await same.AnyAsync(a => a.Status == AppApprovalStatus.Pending, ct)) return AppApprovalState.StillWaiting;

        // Expired rows allow nothing any more: dropping them keeps the table small and frees the
        // one-waiting-request-per-call index for a new request.
        await db.AppApprovals.Where(a => a.OwnerId == holder.UserId && a.ExpiresUtc <= now).ExecuteDeleteAsync(ct).OrReportBusy();
        db.AppApprovals.Add(new AppApprovalEntity
        {
            OwnerId = holder.UserId,
            TokenId = holder.TokenId,
            AppName = holder.TokenName,
            ToolName = toolName,
            ArgumentsJson = argumentsJson,
            Summary = summary,
            Status = AppApprovalStatus.Pending,
            CreatedUtc = now,
            ExpiresUtc = now + Lifetime,
        });
        try
        {
            await db.SaveOrReportBusyAsync(ct);
        }
        catch (Exception e) when (UniqueViolation.Is(e))
        {
            return AppApprovalState.StillWaiting; // the same call, at the same moment, asked first
        }
        events.Publish(holder.UserId, new AppApprovalsChanged());
        return AppApprovalState.Requested;
    }

    /// <summary>The requests waiting for the user, oldest first.</summary>
    public async Task<IReadOnlyList<AppApprovalView>> PendingAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.AppApprovals.AsNoTracking()
            .Where(a => a.OwnerId == userId && a.Status == AppApprovalStatus.Pending && a.ExpiresUtc > now)
            .OrderBy(a => a.Id).ToListAsync(ct);
        return rows.Select(AppApprovalView.From).ToArray();
    }

    /// <summary>Approves or declines a waiting request; the approval then lasts <see cref="Lifetime"/> from now.</summary>
    /// <returns>False if it was no longer waiting (decided in another tab, expired, or not the user's).</returns>
    public async Task<bool> DecideAsync(string userId, long approvalId, bool approve, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var status = approve ? AppApprovalStatus.Approved : AppApprovalStatus.Declined;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.AppApprovals
            .Where(a => a.Id == approvalId && a.OwnerId == userId && a.Status == AppApprovalStatus.Pending && a.ExpiresUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status).SetProperty(a => a.ExpiresUtc, now + Lifetime), ct).OrReportBusy();
        events.Publish(userId, new AppApprovalsChanged());
        return changed > 0;
    }

    private static async Task<bool> UseAsync(AppDbContext db, long id, AppApprovalStatus from, CancellationToken ct) =>
        await db.AppApprovals.Where(a => a.Id == id && a.Status == from)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AppApprovalStatus.Used), ct).OrReportBusy() > 0;
}
