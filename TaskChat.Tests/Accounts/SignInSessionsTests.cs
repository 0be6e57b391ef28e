using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TaskChat.Core.Accounts;
using TaskChat.Core.Data;
using TaskChat.Core.Sync;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Accounts;

/// <summary>Server-side sign-in sessions on a real SQLite file, with a clock that moves only when told.</summary>
public abstract class SignInSessionsTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : SignInSessionsTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : SignInSessionsTests(DatabaseProvider.Postgres);

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);
    private readonly RecordingBroadcaster events = new();
    private TestDatabase db = default!;
    private SignInSessions sessions = default!;
    private string ada = "", bob = "";

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<IUserBroadcaster>(events), provider: provider);
        sessions = db.Get<SignInSessions>();
        ada = await db.AddUserAsync("ada@example.com");
        bob = await db.AddUserAsync("bob@example.com");
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    private DateTimeOffset Now => db.Clock.GetUtcNow();

    [ProviderFact]
    public async Task A_session_is_live_until_it_expires()
    {
        var id = await sessions.StartAsync(ada, Now + Lifetime);

        Assert.True(await sessions.IsLiveAsync(ada, id));
        Assert.False(await sessions.IsLiveAsync(bob, id)); // another user's cookie cannot name it
        Assert.False(await sessions.IsLiveAsync(ada, "made-up"));
        db.Clock.Advance(Lifetime);
        Assert.False(await sessions.IsLiveAsync(ada, id));
    }

    [ProviderFact]
    public async Task Ending_a_session_ends_that_one_only_and_tells_its_tabs()
    {
        var laptop = await sessions.StartAsync(ada, Now + Lifetime);
        var phone = await sessions.StartAsync(ada, Now + Lifetime);

        await sessions.EndAsync(ada, laptop);
        await sessions.EndAsync(ada, laptop); // again: nothing left to end, nobody told twice

        Assert.False(await sessions.IsLiveAsync(ada, laptop));
        Assert.True(await sessions.IsLiveAsync(ada, phone));
        Assert.Equal([(ada, new SessionsEnded(laptop))], events.Published);
    }

    [ProviderFact]
    public async Task Ending_all_sessions_leaves_other_users_alone()
    {
        var laptop = await sessions.StartAsync(ada, Now + Lifetime);
        var phone = await sessions.StartAsync(ada, Now + Lifetime);
        var bobs = await sessions.StartAsync(bob, Now + Lifetime);

        await sessions.EndAllAsync(ada);

        Assert.False(await sessions.IsLiveAsync(ada, laptop));
        Assert.False(await sessions.IsLiveAsync(ada, phone));
        Assert.True(await sessions.IsLiveAsync(bob, bobs));
        Assert.Equal([(ada, new SessionsEnded(null))], events.Published);
    }

    [ProviderFact]
    public async Task A_session_in_use_slides_with_its_cookie_at_one_write_per_half_lifetime()
    {
        var id = await sessions.StartAsync(ada, Now + Lifetime);

        db.Clock.Advance(Lifetime / 2 - TimeSpan.FromMinutes(1));
        Assert.True(await sessions.TouchAsync(ada, id, Lifetime));
        Assert.Equal(Now + Lifetime / 2 + TimeSpan.FromMinutes(1), await ExpiryAsync(id)); // not moved yet

        db.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await sessions.TouchAsync(ada, id, Lifetime));
        Assert.Equal(Now + Lifetime, await ExpiryAsync(id));

        db.Clock.Advance(Lifetime - TimeSpan.FromSeconds(1));
        Assert.True(await sessions.IsLiveAsync(ada, id));
        db.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await sessions.TouchAsync(ada, id, Lifetime)); // an expired one is not revived
    }

    [ProviderFact]
    public async Task Signing_in_removes_the_users_expired_sessions()
    {
        var old = await sessions.StartAsync(ada, Now + TimeSpan.FromDays(1));
        var bobsOld = await sessions.StartAsync(bob, Now + TimeSpan.FromDays(1));
        db.Clock.Advance(TimeSpan.FromDays(2));

        var fresh = await sessions.StartAsync(ada, Now + Lifetime);

        Assert.Equal([fresh], await RowsAsync(ada));
        Assert.Equal([bobsOld], await RowsAsync(bob)); // only at Bob's own sign-in, or the daily sweep
        Assert.NotEqual(old, fresh);
    }

    [ProviderFact]
    public async Task The_sweep_removes_expired_sessions_at_start_up_and_every_day()
    {
        var expired = await sessions.StartAsync(ada, Now + TimeSpan.FromHours(1));
        var tomorrows = await sessions.StartAsync(bob, Now + TimeSpan.FromHours(25));
        var live = await sessions.StartAsync(ada, Now + Lifetime);
        db.Clock.Advance(TimeSpan.FromHours(2));
        using var sweep = new ExpiredSessionSweep(sessions, db.Clock, NullLogger<ExpiredSessionSweep>.Instance);

        await sweep.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(async () => !(await RowsAsync(ada)).Contains(expired), "the sweep at start-up");
        Assert.Equal([live], await RowsAsync(ada));
        Assert.Equal([tomorrows], await RowsAsync(bob));

        db.Clock.Advance(TimeSpan.FromDays(1));
        await Eventually.TrueAsync(async () => (await RowsAsync(bob)).Count == 0, "the sweep a day later");
        Assert.Equal([live], await RowsAsync(ada));
        await sweep.StopAsync(CancellationToken.None);
    }

    private async Task<List<string>> RowsAsync(string userId)
    {
        await using var context = db.CreateContext();
        return await context.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == SignInSessions.Provider).Select(t => t.Name).ToListAsync();
    }

    private async Task<DateTimeOffset> ExpiryAsync(string id)
    {
        await using var context = db.CreateContext();
        var value = await context.UserTokens.Where(t => t.Name == id).Select(t => t.Value).SingleAsync();
        return DateTimeOffset.Parse(value!, null, System.Globalization.DateTimeStyles.AssumeUniversal);
    }

    private sealed class RecordingBroadcaster : IUserBroadcaster
    {
        public List<(string UserId, UserEvent Event)> Published { get; } = [];
        public void Publish(string userId, UserEvent userEvent) => Published.Add((userId, userEvent));
        public IDisposable Subscribe(string userId, Func<UserEvent, Task> handler) => throw new NotSupportedException();
        public SubscriberCounts Counts() => new(0, 0);
    }
}
