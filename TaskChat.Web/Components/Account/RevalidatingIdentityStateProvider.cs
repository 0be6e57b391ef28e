using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace TaskChat.Web.Components.Account;

/// <summary>
/// A circuit can live for days; this re-checks its sign-in every <see cref="SessionTimings.Revalidate"/>
/// so a password change or a deleted account ends an idle open tab too, not only new requests.
/// (A tab in use is checked on its next action by <see cref="CircuitSessionGate"/>.)
/// </summary>
internal sealed class RevalidatingIdentityStateProvider(ILoggerFactory loggerFactory, ISessionCheck session, SessionTimings timings)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => timings.Revalidate;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        session.IsCurrentAsync(state.User, ct);
}
