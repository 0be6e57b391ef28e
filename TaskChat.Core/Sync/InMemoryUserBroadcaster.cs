using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using TaskChat.Core.Telemetry;

namespace TaskChat.Core.Sync;

/// <summary>
/// The single-server broadcaster. Each subscriber has a bounded queue and its own pump, so a slow
/// or stuck tab never slows the publisher (a tool call, a save) or the user's other tabs; a queue
/// that overflows is cleared and replaced by one <see cref="Resync"/> (counted: taskchat.sync.queue_overflows).
/// </summary>
public sealed class InMemoryUserBroadcaster(ILogger<InMemoryUserBroadcaster> logger, TaskChatMetrics metrics, int queueCapacity = 512) : IUserBroadcaster
{
    private readonly ILogger logger = logger;
    private readonly TaskChatMetrics metrics = metrics;
    private readonly ConcurrentDictionary<string, ImmutableSubscribers> subscribers = new();

    public SubscriberCounts Counts()
    {
        var lists = subscribers.Values.ToArray();
        return new SubscriberCounts(lists.Length, lists.Sum(l => l.Items.Length));
    }

    public void Publish(string userId, UserEvent userEvent)
    {
        if (!subscribers.TryGetValue(userId, out var list)) return;
        foreach (var subscriber in list.Items) subscriber.Enqueue(userEvent);
    }

    public IDisposable Subscribe(string userId, Func<UserEvent, Task> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var subscriber = new Subscriber(this, userId, handler, queueCapacity);
        subscribers.AddOrUpdate(userId, _ => new([subscriber]), (_, list) => new([.. list.Items, subscriber]));
        return subscriber;
    }

    private void Remove(Subscriber subscriber)
    {
        while (subscribers.TryGetValue(subscriber.UserId, out var list))
        {
            var rest = list.Items.Where(s => s != subscriber).ToArray();
            if (rest.Length == 0
                    ? subscribers.TryRemove(new(subscriber.UserId, list))
                    : subscribers.TryUpdate(subscriber.UserId, new(rest), list))
                return;
        }
    }

    // An immutable array swapped whole, so Publish iterates without locks.
    private sealed record ImmutableSubscribers(Subscriber[] Items);

    private sealed class Subscriber : IDisposable
    {
        private readonly InMemoryUserBroadcaster owner;
        private readonly Func<UserEvent, Task> handler;
        private readonly Channel<UserEvent> queue;
        private int overflowed;
        private bool disposed;

        public Subscriber(InMemoryUserBroadcaster owner, string userId, Func<UserEvent, Task> handler, int capacity)
        {
            this.owner = owner;
            this.handler = handler;
            UserId = userId;
            // Not SingleReader: on overflow, Enqueue drains stale events from the publisher's side.
            queue = Channel.CreateBounded<UserEvent>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });
            _ = Task.Run(PumpAsync);
        }

        public string UserId { get; }

        public void Enqueue(UserEvent userEvent)
        {
            if (queue.Writer.TryWrite(userEvent)) return;
            // Full: what is queued is stale anyway. Drop it and ask for one resync instead.
            if (Interlocked.Exchange(ref overflowed, 1) == 1) return;
            owner.metrics.QueueOverflowed();
            while (queue.Reader.TryRead(out _)) { }
            // A concurrent publisher may have refilled it; then let the next overflow try again.
            if (!queue.Writer.TryWrite(new Resync())) Interlocked.Exchange(ref overflowed, 0);
        }

        private async Task PumpAsync()
        {
            await foreach (var userEvent in queue.Reader.ReadAllAsync())
            {
                if (Volatile.Read(ref disposed)) return; // what is still queued is for no one now
                if (userEvent is Resync) Interlocked.Exchange(ref overflowed, 0);
                try
                {
                    await handler(userEvent);
                }
                catch (Exception e)
                {
                    // One subscriber's failure is its own; the others and the publisher carry on.
                    owner.logger.LogWarning(e, "A subscriber failed to handle {Event}", userEvent.GetType().Name);
                }
            }
        }

        public void Dispose()
        {
            Volatile.Write(ref disposed, true);
            owner.Remove(this);
            queue.Writer.TryComplete();
        }
    }
}
