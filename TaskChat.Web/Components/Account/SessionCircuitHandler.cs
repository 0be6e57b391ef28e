using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using TaskChat.Core.Sync;

namespace TaskChat.Web.Components.Account;

/// <summary>
/// Puts every inbound circuit activity behind the circuit's <see cref="CircuitSessionGate"/>, and
/// closes the gate the moment the circuit's sign-in session is ended (signed out in another tab,
/// or everywhere, on any instance), rather than at the next check.
/// </summary>
internal sealed class SessionCircuitHandler(CircuitSessionGate gate, AuthenticationStateProvider authentication, IUserBroadcaster events)
    : CircuitHandler, IDisposable
{
    private IDisposable? subscription;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context => gate.RunAsync(() => next(context));

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (SessionClaims.Of((await authentication.GetAuthenticationStateAsync()).User) is not { } session) return;
        subscription = events.Subscribe(session.UserId, e =>
        {
            if (e is SessionsEnded ended && (ended.SessionId is null || ended.SessionId == session.SessionId)) gate.Revoke();
            return Task.CompletedTask;
        });
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => subscription?.Dispose();
}
