using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using TaskChat.Core.Sync;

namespace TaskChat.Web.Components.Account;

/// <summary>
/// Lets a circuit's inbound activity (clicks, input, JS calls) run only while its sign-in is still
/// current, so a tab left open after a password change cannot add, change or send anything. One per
/// circuit. A check covers <see cref="SessionTimings.ActivityCheck"/>; activity arriving while a check
/// runs waits for it and is let through in the order it came, so an Enter never overtakes the
/// keystrokes before it. Once the sign-in is found revoked, everything is refused and the circuit is
/// told it is signed out, which sends the page to sign in.
/// </summary>
public sealed class CircuitSessionGate(
    AuthenticationStateProvider authentication,
    ISessionCheck session,
    SessionTimings timings,
    TimeProvider clock,
    ILogger<CircuitSessionGate> logger)
{
    private readonly Lock sync = new();
    private Task admissions = Task.CompletedTask;
    private DateTimeOffset verifiedUntil = DateTimeOffset.MinValue;
    private bool revoked;

    public bool IsRevoked => revoked;

    public Task RunAsync(Func<Task> activity)
    {
        Task previous;
        TaskCompletionSource admitted;
        lock (sync)
        {
            // The usual case, a keystroke soon after the last check: no wait, no query.
            if (admissions.IsCompleted && !revoked && clock.GetUtcNow() < verifiedUntil) return activity();
            previous = admissions;
            admitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            admissions = admitted.Task;
        }
        return AdmitAsync(previous, admitted, activity);
    }

    private async Task AdmitAsync(Task previous, TaskCompletionSource admitted, Func<Task> activity)
    {
        Task run;
        try
        {
            await previous;
            run = await IsAllowedAsync() ? activity() : Task.CompletedTask;
        }
        finally
        {
            // Started (queued on the circuit's dispatcher) before the next one is considered.
            admitted.SetResult();
        }
        await run;
    }

    private async Task<bool> IsAllowedAsync()
    {
        if (revoked) return false;
        if (clock.GetUtcNow() < verifiedUntil) return true;
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        // Nothing to guard: pages that need a user say so with [Authorize].
        if (user.Identity?.IsAuthenticated != true) return true;

        bool current;
        try
        {
            current = await session.IsCurrentAsync(user, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Unverified is not allowed; the next action checks again.
            logger.LogWarning(e, "Could not check a circuit's sign-in; its action was refused");
            return false;
        }
        if (current)
        {
            verifiedUntil = clock.GetUtcNow() + timings.ActivityCheck;
            return true;
        }

        logger.LogInformation("A circuit's sign-in is no longer current; its actions are refused and it is sent to sign in");
        Revoke();
        return false;
    }

    /// <summary>
    /// One of the user's sessions ended (one by id, or every one when null), told through the tab's
    /// own event subscription: if it is this circuit's, close the gate now rather than at the next check.
    /// </summary>
    public async Task OnSessionsEndedAsync(SessionsEnded ended)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (SessionClaims.Of(user) is { } mine && (ended.SessionId is null || ended.SessionId == mine.SessionId))
            Revoke();
    }

    /// <summary>
    /// The sign-in has ended (signed out, here or in another tab): refuse everything from now on,
    /// without waiting for the next check, and send the page to sign in.
    /// </summary>
    public void Revoke()
    {
        lock (sync) revoked = true;
        if (authentication is IHostEnvironmentAuthenticationStateProvider host)
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
    }
}
