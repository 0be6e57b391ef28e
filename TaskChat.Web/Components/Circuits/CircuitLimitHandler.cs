using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace TaskChat.Web.Components.Circuits;

/// <summary>
/// Admits each new circuit against its user's cap before anything renders on it; one over the cap
/// is marked refused (the layout then shows why instead of the page, and loads nothing).
/// </summary>
internal sealed class CircuitLimitHandler(CircuitRegistry registry, CircuitAdmission admission, AuthenticationStateProvider authentication) : CircuitHandler
{
    private string? counted;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user is null) return; // signed out: no account to count against, and no page but the sign-in link
        if (registry.TryAdmit(user, circuit.Id)) counted = user;
        else admission.Refuse(registry.Limit);
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (counted is not null) registry.Release(counted, circuit.Id);
        return Task.CompletedTask;
    }
}
