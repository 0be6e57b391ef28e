using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskChat.Core.Accounts;

namespace TaskChat.Web.Components.Account;

/// <summary>
/// Failed sign-ins pause the client address they came from, not the account: after
/// Accounts:MaxFailedSignIns failures the address waits Accounts:LockoutMinutes, and every further
/// failure doubles the wait up to Accounts:MaxLockoutMinutes. Someone guessing at an account from
/// elsewhere therefore never keeps its owner out, while one address spraying guesses over many
/// accounts slows to a handful an hour. An address is forgotten once it has been quiet for the
/// longest pause after its last one. A success does not clear the count: otherwise an attacker
/// could reset it by signing in to an account of their own between guesses.
/// </summary>
public sealed class SignInPause(IOptions<AccountOptions> options, TimeProvider clock, ILogger<SignInPause> logger)
{
    private sealed record Failures(int Count, DateTimeOffset PausedUntil, DateTimeOffset ForgetAt);

    private readonly ConcurrentDictionary<string, Failures> byAddress = new();
    private int recordedSinceSweep;

    private AccountOptions Options => options.Value;
    private TimeSpan FirstPause => TimeSpan.FromMinutes(Options.LockoutMinutes);
    private TimeSpan LongestPause => TimeSpan.FromMinutes(Options.MaxLockoutMinutes);

    /// <summary>How much longer <paramref name="address"/> must wait before trying again, if at all.</summary>
    public TimeSpan? Remaining(string address)
    {
        var now = clock.GetUtcNow();
        return byAddress.TryGetValue(address, out var failures) && failures.PausedUntil > now ? failures.PausedUntil - now : null;
    }

    /// <summary>Counts a failed sign-in; returns the pause it starts, if it starts one.</summary>
    public TimeSpan? RecordFailure(string address)
    {
        var now = clock.GetUtcNow();
        var failures = byAddress.AddOrUpdate(address,
            _ => Next(0, now),
            (_, previous) => Next(previous.ForgetAt <= now ? 0 : previous.Count, now));
        SweepNowAndThen(now);
        if (failures.PausedUntil <= now) return null;
        logger.LogWarning("{Failures} failed sign-ins from {Address}: paused for {Pause}", failures.Count, address, failures.PausedUntil - now);
        return failures.PausedUntil - now;
    }

    private Failures Next(int count, DateTimeOffset now)
    {
        count++;
        var pause = PauseAfter(count);
        return new Failures(count, now + pause, now + pause + LongestPause);
    }

    /// <summary>Nothing until the limit; then the first pause, doubling with each failure, capped.</summary>
    private TimeSpan PauseAfter(int failures)
    {
        var over = failures - Options.MaxFailedSignIns;
        if (over < 0) return TimeSpan.Zero;
        var doubled = FirstPause.Ticks * Math.Pow(2, Math.Min(over, 30));
        return doubled >= LongestPause.Ticks ? LongestPause : TimeSpan.FromTicks((long)doubled);
    }

    // Forgotten addresses would otherwise stay in memory for good: drop them every so often.
    private void SweepNowAndThen(DateTimeOffset now)
    {
        if (Interlocked.Increment(ref recordedSinceSweep) % 1024 != 0) return;
        foreach (var (address, failures) in byAddress)
            if (failures.ForgetAt <= now) byAddress.TryRemove(new(address, failures));
    }
}
