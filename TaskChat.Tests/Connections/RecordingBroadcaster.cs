using System.Collections.Concurrent;
using TaskChat.Core.Sync;

namespace TaskChat.Tests.Connections;

/// <summary>
/// Keeps what the services publish. They publish on the caller's thread before returning, so a test
/// can assert that an event was, or was not, published without waiting on a subscriber's pump.
/// </summary>
internal sealed class RecordingBroadcaster : IUserBroadcaster
{
    private readonly ConcurrentQueue<(string UserId, UserEvent Event)> published = new();

    public IReadOnlyList<(string UserId, UserEvent Event)> Published => published.ToArray();

    public int Count<T>(string userId) where T : UserEvent => published.Count(p => p.UserId == userId && p.Event is T);

    public void Publish(string userId, UserEvent userEvent) => published.Enqueue((userId, userEvent));
    public IDisposable Subscribe(string userId, Func<UserEvent, Task> handler) => throw new NotSupportedException();
    public SubscriberCounts Counts() => new(0, 0);
}
