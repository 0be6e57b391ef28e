using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TaskChat.Core.Sync;
using TaskChat.Tests.Infrastructure;
using TaskChat.Web.Components.Circuits;
using TaskChat.Web.Hosting;
using static TaskChat.Core.Telemetry.TaskChatTelemetry;

namespace TaskChat.Tests.Telemetry;

/// <summary>The instruments of the live side: circuits held, and tabs whose event queue overflowed.</summary>
public sealed class LiveTelemetryTests
{
    [Fact]
    public async Task A_stuck_tab_whose_queue_overflows_is_counted_once_per_clearing()
    {
        var metrics = TestMeters.Create();
        using var recorded = new MetricRecorder(metrics.Meter);
        var broadcaster = new InMemoryUserBroadcaster(NullLogger<InMemoryUserBroadcaster>.Instance, metrics, queueCapacity: 4);
        var handling = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        using var stuck = broadcaster.Subscribe("ada", async _ => { handling.TrySetResult(); await release.Task; });

        broadcaster.Publish("ada", new TasksChanged(0, ChangeKind.Updated));
        await handling.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(recorded.Of(Names.QueueOverflows));
        // 4 fill the queue, the 5th clears it for one resync; the rest find it full again while
        // that resync still waits, and are dropped without another clearing.
        for (var i = 1; i <= 100; i++) broadcaster.Publish("ada", new TasksChanged(i, ChangeKind.Updated));

        Assert.Equal(1, recorded.Sum(Names.QueueOverflows));
        release.SetResult();
    }

    [Fact]
    public void Live_circuits_go_up_when_admitted_and_down_when_released_each_only_once()
    {
        var metrics = TestMeters.Create();
        using var recorded = new MetricRecorder(metrics.Meter);
        var registry = new CircuitRegistry(Options.Create(new HostingOptions { MaxCircuitsPerUser = 2 }), metrics);

        Assert.True(registry.TryAdmit("ada", "c1"));
        Assert.True(registry.TryAdmit("ada", "c1")); // the same circuit again
        Assert.True(registry.TryAdmit("ada", "c2"));
        Assert.False(registry.TryAdmit("ada", "c3")); // over the cap: never held
        Assert.True(registry.TryAdmit("bob", "c4"));
        Assert.Equal(3, recorded.Sum(Names.CircuitsLive));

        registry.Release("ada", "c1");
        registry.Release("ada", "c1");
        registry.Release("ada", "c3");
        Assert.Equal(2, recorded.Sum(Names.CircuitsLive));
        Assert.All(recorded.Of(Names.CircuitsLive), m => Assert.Equal("{circuit}", m.Unit));
    }
}
