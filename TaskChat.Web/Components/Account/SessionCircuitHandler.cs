using Microsoft.AspNetCore.Components.Server.Circuits;

namespace TaskChat.Web.Components.Account;

/// <summary>Puts every inbound circuit activity behind the circuit's <see cref="CircuitSessionGate"/>.</summary>
internal sealed class SessionCircuitHandler(CircuitSessionGate gate) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context => gate.RunAsync(() => next(context));
}
