namespace TaskChat.Core.Sync;

/// <summary>Delivers a user's events to every circuit (tab, device) of that user, and to no one else.</summary>
public interface IUserBroadcaster
{
    /// <summary>Queues the event for each subscriber of the user; never waits for them.</summary>
    void Publish(string userId, UserEvent userEvent);

    /// <summary>
    /// Calls <paramref name="handler"/> for each of the user's events, in order, one at a time, off
    /// the publisher's thread. Dispose to stop.
    /// </summary>
    IDisposable Subscribe(string userId, Func<UserEvent, Task> handler);

    /// <summary>Subscriptions on this server now: for /health, operators and tests.</summary>
    SubscriberCounts Counts();
}

/// <summary>Whether other server instances share this database and these users' events (Sync:Redis is set).</summary>
public sealed record SyncMode(bool SharedWithOtherInstances);

/// <summary>How many users have at least one subscriber here, and how many subscribers there are in all.</summary>
public sealed record SubscriberCounts(int Users, int Subscribers);
