using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using TaskChat.Core.Sync;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Sync;

/// <summary>What only several instances sharing one Redis can show.</summary>
public sealed class RedisBroadcasterTests : IAsyncLifetime
{
    private RedisServer? redis;
    private readonly List<RedisUserBroadcaster> created = [];

    public async Task InitializeAsync()
    {
        if (RedisServer.Available) redis = await RedisServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var broadcaster in created) await broadcaster.DisposeAsync();
        if (redis is not null) await redis.DisposeAsync();
    }

    private async Task<IUserBroadcaster> CreateAsync()
    {
        var broadcaster = new RedisUserBroadcaster(await ConnectionMultiplexer.ConnectAsync(redis!.Configuration),
            new InMemoryUserBroadcaster(NullLogger<InMemoryUserBroadcaster>.Instance, TestMeters.Create()), NullLogger<RedisUserBroadcaster>.Instance);
        created.Add(broadcaster);
        return broadcaster;
    }

    [RedisFact]
    public async Task An_event_published_on_one_instance_reaches_tabs_on_another_and_only_that_users()
    {
        var instanceA = await CreateAsync();
        var instanceB = await CreateAsync();
        var onB = new System.Collections.Concurrent.ConcurrentQueue<UserEvent>();
        var bobOnB = new System.Collections.Concurrent.ConcurrentQueue<UserEvent>();
        using var ada = instanceB.Subscribe("ada", e => { onB.Enqueue(e); return Task.CompletedTask; });
        using var bob = instanceB.Subscribe("bob", e => { bobOnB.Enqueue(e); return Task.CompletedTask; });

        instanceA.Publish("ada", new RunChunk(3, 42, "Hello", 5));
        instanceA.Publish("ada", new RunToolCall(3, 42, new TaskChat.Core.Chat.ToolCallView(7, "c1", "add_task", "{}", null, TaskChat.Core.Chat.ToolCallStatus.Running, 1, 5)));

        await Eventually.TrueAsync(() => onB.Count == 2, "both events on instance B");
        Assert.Equal(new RunChunk(3, 42, "Hello", 5), onB.First());
        Assert.Equal("add_task", ((RunToolCall)onB.Last()).Call.Name);
        Assert.Empty(bobOnB);
        Assert.Equal(new SubscriberCounts(2, 2), instanceB.Counts());
        Assert.Equal(new SubscriberCounts(0, 0), instanceA.Counts());
    }

    [RedisFact]
    public async Task After_a_Redis_outage_every_tab_gets_one_resync_and_live_events_again()
    {
        var instanceA = await CreateAsync();
        var instanceB = await CreateAsync();
        var onB = new System.Collections.Concurrent.ConcurrentQueue<UserEvent>();
        using var ada = instanceB.Subscribe("ada", e => { onB.Enqueue(e); return Task.CompletedTask; });
        // Connecting is not an outage: once an event has gone all the way from A through Redis to B,
        // both connections are up, and no resync came before it.
        await Eventually.TrueAsync(() =>
        {
            instanceA.Publish("ada", new TasksChanged(1, ChangeKind.Created));
            return onB.Any(e => e is TasksChanged { TaskId: 1 });
        }, "a first event from instance A");
        Assert.DoesNotContain(onB, e => e is Resync);

        await redis!.RestartAsync(downFor: TimeSpan.FromMilliseconds(500));

        // Events published during the outage are gone; the resync tells the tab to reload instead.
        await Eventually.TrueAsync(() => onB.Any(e => e is Resync), "a resync on instance B");
        // Publishing again until it arrives: instance A reconnects on its own schedule.
        await Eventually.TrueAsync(() =>
        {
            instanceA.Publish("ada", new TasksChanged(9, ChangeKind.Updated));
            return onB.Any(e => e is TasksChanged { TaskId: 9 });
        }, "live events from instance A after the outage");
        Assert.Single(onB, e => e is Resync);
    }
}
