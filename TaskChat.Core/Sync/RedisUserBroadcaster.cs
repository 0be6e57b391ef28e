using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace TaskChat.Core.Sync;

/// <summary>
/// The broadcaster for several server instances behind a sticky load balancer: every event goes
/// through the user's Redis channel, so a tab on any instance sees changes made on any other.
/// Publishing is fire-and-forget (it never waits for Redis or for tabs); this instance receives its
/// own events back through Redis too, in the same order as everyone else. Tabs on this instance are
/// served by an in-memory broadcaster, with its bounded per-tab queues and resync on overflow.
/// </summary>
public sealed class RedisUserBroadcaster : IUserBroadcaster, IAsyncDisposable
{
    private const string ChannelPrefix = "taskchat:user:";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IConnectionMultiplexer redis;
    private readonly InMemoryUserBroadcaster local;
    private readonly ILogger logger;
    // How many tabs here follow each user: the Redis channel is subscribed while it is above zero.
    private readonly ConcurrentDictionary<string, int> followers = new();
    private readonly object gate = new();
    private int subscriberLost;

    public RedisUserBroadcaster(IConnectionMultiplexer redis, InMemoryUserBroadcaster local, ILogger<RedisUserBroadcaster> logger)
    {
        this.redis = redis;
        this.local = local;
        this.logger = logger;
        // While the subscriber connection was down, events for this instance's tabs were lost:
        // every tab here reloads what it shows. Only after a reported failure, because the
        // multiplexer may also report "restored" when that connection first comes up.
        redis.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription) Interlocked.Exchange(ref subscriberLost, 1);
        };
        redis.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType != ConnectionType.Subscription || Interlocked.Exchange(ref subscriberLost, 0) == 0) return;
            foreach (var user in followers.Keys) local.Publish(user, new Resync());
        };
    }

    public void Publish(string userId, UserEvent userEvent)
    {
        var payload = JsonSerializer.Serialize(userEvent, Json);
        redis.GetSubscriber().PublishAsync(Channel(userId), payload, CommandFlags.FireAndForget)
            .ContinueWith(t => logger.LogWarning(t.Exception, "Could not publish {Event} to Redis", userEvent.GetType().Name),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    public IDisposable Subscribe(string userId, Func<UserEvent, Task> handler)
    {
        var subscription = local.Subscribe(userId, handler);
        Follow(userId);
        return new Subscription(this, userId, subscription);
    }

    public SubscriberCounts Counts() => local.Counts();

    // Under one lock with the count, so a channel is never unsubscribed after a newer subscribe.
    // Subscribing waits for Redis to confirm: events published after Subscribe returns arrive.
    private void Follow(string userId)
    {
        lock (gate)
        {
            if (followers.AddOrUpdate(userId, 1, (_, n) => n + 1) > 1) return;
            // Messages on one channel are handled one at a time, in order (a ChannelMessageQueue).
            redis.GetSubscriber().Subscribe(Channel(userId)).OnMessage(message =>
            {
                if (Deserialize(message.Message) is { } userEvent) local.Publish(userId, userEvent);
            });
        }
    }

    private void Unfollow(string userId)
    {
        lock (gate)
        {
            if (followers.AddOrUpdate(userId, 0, (_, n) => n - 1) > 0) return;
            followers.TryRemove(userId, out _);
            redis.GetSubscriber().Unsubscribe(Channel(userId));
        }
    }

    private UserEvent? Deserialize(RedisValue payload)
    {
        try
        {
            return JsonSerializer.Deserialize<UserEvent>(payload.ToString(), Json);
        }
        catch (JsonException e)
        {
            // Another version of the app may speak a newer dialect: skip what we cannot read.
            logger.LogWarning(e, "Ignored an event from Redis that could not be read");
            return null;
        }
    }

    private static RedisChannel Channel(string userId) => RedisChannel.Literal(ChannelPrefix + userId);

    public async ValueTask DisposeAsync() => await redis.DisposeAsync();

    private sealed class Subscription(RedisUserBroadcaster owner, string userId, IDisposable local) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 1) return;
            local.Dispose();
            owner.Unfollow(userId);
        }
    }
}
