using Microsoft.AspNetCore.Components.Server.Circuits;

namespace TaskChat.Web.Components.Account;

/// <summary>
/// Puts every inbound circuit activity behind the circuit's <see cref="CircuitSessionGate"/>. The
/// gate closes the moment the circuit's session is ended elsewhere through the dashboard's event
/// subscription (<see cref="CircuitSessionGate.OnSessionsEndedAsync"/>): one subscription per tab,
/// not a second one here.
/// </summary>
internal sealed class SessionCircuitHandler(CircuitSessionGate gate) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context => gate.RunAsync(() => next(context));
}
