using Microsoft.Extensions.Options;
using TaskChat.Core.Telemetry;
using TaskChat.Web.Hosting;

namespace TaskChat.Web.Components.Circuits;

/// <summary>
/// The circuits each user has open on this instance, capped at Hosting:MaxCircuitsPerUser: every
/// open tab holds a circuit with its own dashboard state (about half a megabyte), so one account
/// must not be able to open them without end. Counted from the circuit's opening to its closing, so
/// a tab whose connection dropped keeps its place while the server still holds its state. In
/// memory, per instance: behind several instances a user may hold the cap on each.
/// </summary>
public sealed class CircuitRegistry(IOptions<HostingOptions> options, TaskChatMetrics metrics)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, HashSet<string>> open = [];

    public int Limit => options.Value.MaxCircuitsPerUser;

    /// <summary>Counts the circuit for the user, unless they already have <see cref="Limit"/> open.</summary>
    public bool TryAdmit(string userId, string circuitId)
    {
        lock (gate)
        {
            var circuits = open.GetValueOrDefault(userId) ?? [];
            if (!circuits.Contains(circuitId) && circuits.Count >= Limit) return false;
            if (circuits.Add(circuitId)) metrics.CircuitOpened();
            open[userId] = circuits;
            return true;
        }
    }

    public void Release(string userId, string circuitId)
    {
        lock (gate)
        {
            if (!open.TryGetValue(userId, out var circuits)) return;
            if (circuits.Remove(circuitId)) metrics.CircuitClosed();
            if (circuits.Count == 0) open.Remove(userId);
        }
    }

    public int Count(string userId)
    {
        lock (gate) return open.GetValueOrDefault(userId)?.Count ?? 0;
    }
}
