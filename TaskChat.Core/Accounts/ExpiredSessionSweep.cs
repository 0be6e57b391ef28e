using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TaskChat.Core.Accounts;

/// <summary>
/// Removes expired sign-in sessions at start-up and once a day: a cookie that is never signed out
/// (a closed browser, a lost device) leaves its row behind, and a user who never signs in again
/// never triggers the clean-up that signing in does.
/// </summary>
public sealed class ExpiredSessionSweep(SignInSessions sessions, TimeProvider clock, ILogger<ExpiredSessionSweep> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        try
        {
            do
            {
                await SweepAsync(stoppingToken);
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        try
        {
            var removed = await sessions.RemoveExpiredAsync(ct);
            if (removed > 0) logger.LogInformation("Removed {Count} expired sign-in sessions", removed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only housekeeping: the next sweep tries again, and expired sessions are refused anyway.
            logger.LogWarning(e, "Could not remove expired sign-in sessions");
        }
    }
}
