using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using TaskChat.Core.Sync;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Sync;

/// <summary>
/// What every IUserBroadcaster must do, whatever carries the events: each test runs in memory and
/// through Redis; the Redis rows are skipped with the reason where redis-server is not installed
/// (never in CI, which requires it).
/// </summary>
public sealed class BroadcasterContractTests : IAsyncLifetime
{
    private RedisServer? redis;
    private readonly List<IAsyncDisposable> created = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var broadcaster in created) await broadcaster.DisposeAsync();
        if (redis is not null) await redis.DisposeAsync();
    }

    private async Task<IUserBroadcaster> CreateAsync(string kind, int queueCapacity = 512)
    {
        var local = new InMemoryUserBroadcaster(NullLogger<InMemoryUserBroadcaster>.Instance, TestMeters.Create(), queueCapacity);
        if (kind == "memory") return local;
        redis ??= await RedisServer.StartAsync();
        var broadcaster = new RedisUserBroadcaster(await ConnectionMultiplexer.ConnectAsync(redis.Configuration), local, NullLogger<RedisUserBroadcaster>.Instance);
        created.Add(broadcaster);
        return broadcaster;
    }

    [Theory]
    [InlineData("memory")]
    [RedisInlineData("redis")]
    public async Task Every_subscriber_of_the_user_gets_every_event_in_order(string kind)
    {
        var broadcaster = await CreateAsync(kind);
        var tabs = Enumerable.Range(0, 5).Select(_ => new ConcurrentQueue<int>()).ToArray();
        var subscriptions = tabs.Select(tab => broadcaster.Subscribe("ada", e => { tab.Enqueue(((TasksChanged)e).TaskId!.Value); return Task.CompletedTask; })).ToList();

        for (var i = 0; i < 200; i++) broadcaster.Publish("ada", new TasksChanged(i, ChangeKind.Updated));

        await Eventually.TrueAsync(() => tabs.All(t => t.Count == 200), "200 events in every tab");
        Assert.All(tabs, tab => Assert.Equal(Enumerable.Range(0, 200), tab));
        subscriptions.ForEach(s => s.Dispose());
    }

    [Theory]
    [InlineData("memory")]
    [RedisInlineData("redis")]
    public async Task No_event_of_one_user_reaches_another(string kind)
    {
        var broadcaster = await CreateAsync(kind);
        var bobs = new ConcurrentQueue<UserEvent>();
        var adas = new ConcurrentQueue<UserEvent>();
        using var bob = broadcaster.Subscribe("bob", e => { bobs.Enqueue(e); return Task.CompletedTask; });
        using var ada = broadcaster.Subscribe("ada", e => { adas.Enqueue(e); return Task.CompletedTask; });

        broadcaster.Publish("ada", new ThreadChanged(1, ChangeKind.Created));
        broadcaster.Publish("ada-not-bob", new ThreadChanged(2, ChangeKind.Created));

        await Eventually.TrueAsync(() => adas.Count == 1, "ada's event");
        await Task.Delay(100);
        Assert.Empty(bobs);
        Assert.Equal(new ThreadChanged(1, ChangeKind.Created), Assert.Single(adas));
    }

    [Theory]
    [InlineData("memory")]
    [RedisInlineData("redis")]
    public async Task A_throwing_or_stuck_subscriber_does_not_hold_up_the_others_or_the_publisher(string kind)
    {
        var broadcaster = await CreateAsync(kind);
        var healthy = new ConcurrentQueue<UserEvent>();
        var stuck = new TaskCompletionSource();
        using var thrower = broadcaster.Subscribe("ada", _ => throw new InvalidOperationException("boom"));
        using var blocked = broadcaster.Subscribe("ada", _ => stuck.Task);
        using var ok = broadcaster.Subscribe("ada", e => { healthy.Enqueue(e); return Task.CompletedTask; });

        var publishing = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 100; i++) broadcaster.Publish("ada", new TasksChanged(i, ChangeKind.Created));
        Assert.True(publishing.ElapsedMilliseconds < 1000, $"publishing 100 events took {publishing.ElapsedMilliseconds} ms");

        await Eventually.TrueAsync(() => healthy.Count == 100, "all 100 events in the healthy tab");
        stuck.SetResult();
    }

    [Theory]
    [InlineData("memory")]
    [RedisInlineData("redis")]
    public async Task A_subscriber_that_falls_behind_gets_one_resync_instead_of_stale_events(string kind)
    {
        var broadcaster = await CreateAsync(kind, queueCapacity: 8);
        var release = new TaskCompletionSource();
        var received = new ConcurrentQueue<UserEvent>();
        using var slow = broadcaster.Subscribe("ada", async e => { await release.Task; received.Enqueue(e); });

        for (var i = 0; i < 100; i++) broadcaster.Publish("ada", new TasksChanged(i, ChangeKind.Updated));
        await Task.Delay(200);
        release.SetResult();

        await Eventually.TrueAsync(() => received.Any(e => e is Resync), "a resync");
        await Task.Delay(100);
        // One resync per overflow: a subscriber still stuck after taking one can overflow again.
        Assert.True(received.Count < 40, $"{received.Count} events delivered; the stale ones should have been dropped");
        Assert.InRange(received.Count(e => e is Resync), 1, 3);

        broadcaster.Publish("ada", new TasksChanged(1000, ChangeKind.Updated));
        await Eventually.TrueAsync(() => received.Any(e => e is TasksChanged { TaskId: 1000 }), "events after the resync");
    }

    [Theory]
    [InlineData("memory")]
    [RedisInlineData("redis")]
    public async Task Disposing_a_subscription_stops_delivery_and_the_count_returns_to_zero(string kind)
    {
        var broadcaster = await CreateAsync(kind);
        var received = new ConcurrentQueue<UserEvent>();
        var first = broadcaster.Subscribe("ada", e => { received.Enqueue(e); return Task.CompletedTask; });
        var second = broadcaster.Subscribe("ada", _ => Task.CompletedTask);
        Assert.Equal(new SubscriberCounts(1, 2), broadcaster.Counts());

        first.Dispose();
        second.Dispose();
        second.Dispose(); // twice is harmless
        broadcaster.Publish("ada", new TasksChanged(1, ChangeKind.Created));

        await Task.Delay(150);
        // A resync is a control event that may come from the connection itself; no task event may.
        Assert.DoesNotContain(received, e => e is TasksChanged);
        Assert.Equal(new SubscriberCounts(0, 0), broadcaster.Counts());
    }
}
