using TaskChat.Core.Assistant.Runs;
using TaskChat.Core.Data;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Assistant;

/// <summary>The daily send limit through the real runner and store, on the fake clock, at its edges.</summary>
public abstract class SendLimitTests(DatabaseProvider provider)
{
    public sealed class OnSqlite() : SendLimitTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : SendLimitTests(DatabaseProvider.Postgres);

    [ProviderFact]
    public async Task The_daily_limit_refuses_until_the_oldest_send_is_exactly_a_day_old()
    {
        await using var h = await AssistantHarness.OfflineAsync(provider, ("Assistant:SendsPerDay", "2"), ("Assistant:SendsPerMinute", "1000"));
        var thread = (await h.Threads.CreateAsync(h.User)).Id;
        var first = WholeSecondAfter(h.Db.Clock.GetUtcNow());
        h.Db.Clock.SetUtcNow(first);
        await SendAsync(h, thread, "hi");
        h.Db.Clock.Advance(TimeSpan.FromHours(1));
        await SendAsync(h, thread, "hello");

        h.Db.Clock.SetUtcNow(first.AddHours(23));
        var refused = await Assert.ThrowsAsync<SendLimitException>(() => h.Runner.SendAsync(h.User, thread, "again"));
        Assert.Equal("You have reached the limit of 2 messages a day. Try again in 60 minutes.", refused.Message);
        Assert.Equal(TimeSpan.FromHours(1), refused.RetryAfter);
        // Retrying and regenerating are answers too.
        await Assert.ThrowsAsync<SendLimitException>(() => h.Runner.RetryAsync(h.User, thread));

        h.Db.Clock.SetUtcNow(first.AddDays(1).AddMilliseconds(-1));
        refused = await Assert.ThrowsAsync<SendLimitException>(() => h.Runner.SendAsync(h.User, thread, "again"));
        Assert.Equal("You have reached the limit of 2 messages a day. Try again in 1 second.", refused.Message);
        Assert.Equal(TimeSpan.FromMilliseconds(1), refused.RetryAfter);
        Assert.Equal(4, (await h.Threads.GetMessagesAsync(h.User, thread)).Messages.Count); // refused sends store nothing

        // The moment the wait ends, the first send no longer counts.
        h.Db.Clock.SetUtcNow(first.AddDays(1));
        await SendAsync(h, thread, "again");
        Assert.Equal(6, (await h.Threads.GetMessagesAsync(h.User, thread)).Messages.Count);

        // Now the second send is the oldest of the day.
        refused = await Assert.ThrowsAsync<SendLimitException>(() => h.Runner.SendAsync(h.User, thread, "and again"));
        Assert.Equal("You have reached the limit of 2 messages a day. Try again in 60 minutes.", refused.Message);
    }

    [ProviderFact]
    public async Task The_minute_limit_frees_a_send_exactly_a_minute_later()
    {
        await using var h = await AssistantHarness.OfflineAsync(provider, ("Assistant:SendsPerMinute", "1"));
        var thread = (await h.Threads.CreateAsync(h.User)).Id;
        var first = WholeSecondAfter(h.Db.Clock.GetUtcNow());
        h.Db.Clock.SetUtcNow(first);
        await SendAsync(h, thread, "hi");

        h.Db.Clock.SetUtcNow(first.AddSeconds(59));
        var refused = await Assert.ThrowsAsync<SendLimitException>(() => h.Runner.SendAsync(h.User, thread, "again"));
        Assert.Equal("You can send 1 message a minute. Try again in 1 second.", refused.Message);

        h.Db.Clock.SetUtcNow(first.AddMinutes(1));
        await SendAsync(h, thread, "again");
    }

    [ProviderFact]
    public async Task Sends_of_one_user_at_the_same_moment_are_counted_one_after_another()
    {
        // Instances share nothing but the database: each send's limit check must see every send
        // recorded before it, however many arrive at once.
        await using var h = await AssistantHarness.OfflineAsync(provider);
        var thread = (await h.Threads.CreateAsync(h.User)).Id;
        const int limit = 3;
        Task Admit(IReadOnlyList<DateTime> earlier, DateTime now) =>
            earlier.Count >= limit ? throw new SendLimitException("limit", TimeSpan.FromMinutes(1)) : Task.CompletedTask;

        var sends = Enumerable.Range(0, 12).Select(i => Task.Run(() => h.Store.BeginTurnAsync(h.User, thread, $"send {i}", "Offline", "offline", Admit))).ToList();
        var outcomes = await Task.WhenAll(sends.Select(async s => { try { await s; return true; } catch (SendLimitException) { return false; } }));

        Assert.Equal(limit, outcomes.Count(admitted => admitted));
        Assert.Equal(2 * limit, (await h.Threads.GetMessagesAsync(h.User, thread)).Messages.Count);
    }

    // The offline answer needs no clock time, so the clock stands exactly where the test puts it.
    private static async Task SendAsync(AssistantHarness h, int thread, string text) =>
        await (await h.Runner.SendAsync(h.User, thread, text)).Completion.WaitAsync(TimeSpan.FromSeconds(10));

    private static DateTimeOffset WholeSecondAfter(DateTimeOffset time) =>
        new DateTimeOffset(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, time.Offset).AddSeconds(1);
}
