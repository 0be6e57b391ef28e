using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskChat.Core.Connections;
using TaskChat.Core.Data;
using TaskChat.Core.Sync;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Connections;

/// <summary>
/// A connected app's call waiting on the user's confirmation, on a real database: asked once, decided
/// once by its owner, used once by the same call from the same token, and gone when it expires.
/// </summary>
public abstract class AppApprovalsTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : AppApprovalsTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : AppApprovalsTests(DatabaseProvider.Postgres);

    private const string Tool = "delete_all_tasks";
    private const string Args = """{"confirm":true}""";
    private const string Summary = "Delete all 12 of your tasks";

    private readonly RecordingBroadcaster events = new();
    private TestDatabase db = default!;
    private AppApprovals approvals = default!;
    private string ada = "", bob = "";
    private TokenHolder claude = default!, cursor = default!, bobsApp = default!;

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<IUserBroadcaster>(events), provider: provider);
        approvals = db.AppApprovals;
        ada = await db.AddUserAsync("ada@example.com");
        bob = await db.AddUserAsync("bob@example.com");
        claude = await HolderAsync(ada, "Claude Desktop");
        cursor = await HolderAsync(ada, "Cursor");
        bobsApp = await HolderAsync(bob, "Bob's app");
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    private async Task<TokenHolder> HolderAsync(string userId, string name)
    {
        var created = await db.AccessTokens.CreateAsync(userId, name, AccessTokenScope.ReadWrite);
        return await db.AccessTokens.AuthenticateAsync(created.Secret) ?? throw new InvalidOperationException("The new token did not authenticate.");
    }

    private Task<AppApprovalState> CallAsync(TokenHolder holder, string args = Args) => approvals.ClaimOrRequestAsync(holder, Tool, args, Summary);

    private async Task<long> RequestAsync(TokenHolder holder)
    {
        Assert.Equal(AppApprovalState.Requested, await CallAsync(holder));
        return (await approvals.PendingAsync(holder.UserId)).Single().Id;
    }

    [ProviderFact]
    public async Task The_first_call_asks_and_the_request_waits_for_the_user()
    {
        var before = events.Count<AppApprovalsChanged>(ada);

        Assert.Equal(AppApprovalState.Requested, await CallAsync(claude));

        var now = db.Clock.GetUtcNow().UtcDateTime;
        var pending = Assert.Single(await approvals.PendingAsync(ada));
        Assert.Equal(new AppApprovalView(pending.Id, "Claude Desktop", Tool, Summary, now, now + AppApprovals.Lifetime), pending);
        Assert.Empty(await approvals.PendingAsync(bob));
        Assert.Equal(before + 1, events.Count<AppApprovalsChanged>(ada));
    }

    [ProviderFact]
    public async Task Calling_again_while_it_waits_does_not_ask_again()
    {
        await CallAsync(claude);
        var published = events.Published.Count;

        Assert.Equal(AppApprovalState.StillWaiting, await CallAsync(claude));

        Assert.Single(await approvals.PendingAsync(ada));
        Assert.Equal(1, await CountRowsAsync());
        Assert.Equal(published, events.Published.Count);
    }

    [ProviderFact]
    public async Task An_approval_allows_the_same_call_once()
    {
        var id = await RequestAsync(claude);

        Assert.True(await approvals.DecideAsync(ada, id, approve: true));
        Assert.Empty(await approvals.PendingAsync(ada));

        Assert.Equal(AppApprovalState.Approved, await CallAsync(claude));
        Assert.Equal(AppApprovalState.Requested, await CallAsync(claude));
        Assert.Equal(AppApprovalState.StillWaiting, await CallAsync(claude));
    }

    [ProviderFact]
    public async Task An_approval_is_not_used_by_other_arguments_another_token_or_another_user()
    {
        var id = await RequestAsync(claude);
        Assert.True(await approvals.DecideAsync(ada, id, approve: true));

        Assert.Equal(AppApprovalState.Requested, await CallAsync(claude, """{"confirm":false}"""));
        Assert.Equal(AppApprovalState.Requested, await approvals.ClaimOrRequestAsync(claude, "delete_completed_tasks", Args, Summary));
        Assert.Equal(AppApprovalState.Requested, await CallAsync(cursor));
        Assert.Equal(AppApprovalState.Requested, await CallAsync(bobsApp));
        // A holder naming Ada's token for Bob cannot come from AuthenticateAsync; it checks the owner is part of the match, not only the token.
        Assert.Equal(AppApprovalState.Requested, await CallAsync(bobsApp with { TokenId = claude.TokenId }));

        Assert.Equal(AppApprovalState.Approved, await CallAsync(claude));
    }

    [ProviderFact]
    public async Task A_decline_refuses_the_next_call_once_then_it_asks_again()
    {
        var id = await RequestAsync(claude);

        Assert.True(await approvals.DecideAsync(ada, id, approve: false));

        Assert.Equal(AppApprovalState.Declined, await CallAsync(claude));
        Assert.Equal(AppApprovalState.Requested, await CallAsync(claude));
    }

    [ProviderFact]
    public async Task An_unanswered_request_expires_and_the_next_call_asks_again()
    {
        var old = await RequestAsync(claude);

        db.Clock.Advance(AppApprovals.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(old, (await approvals.PendingAsync(ada)).Single().Id);
        db.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(await approvals.PendingAsync(ada));
        Assert.False(await approvals.DecideAsync(ada, old, approve: true));

        Assert.Equal(AppApprovalState.Requested, await CallAsync(claude));
        var fresh = Assert.Single(await approvals.PendingAsync(ada));
        Assert.NotEqual(old, fresh.Id);
    }

    [ProviderFact]
    public async Task An_approval_not_used_within_its_lifetime_allows_nothing()
    {
        var id = await RequestAsync(claude);
        db.Clock.Advance(AppApprovals.Lifetime - TimeSpan.FromSeconds(1));
        Assert.True(await approvals.DecideAsync(ada, id, approve: true));

        // The approval's lifetime counts from the decision, not the request.
        db.Clock.Advance(AppApprovals.Lifetime - TimeSpan.FromSeconds(1));
        db.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(AppApprovalState.Requested, await CallAsync(claude));
    }

    [ProviderFact]
    public async Task An_approval_lasts_its_lifetime_from_the_decision()
    {
        var id = await RequestAsync(claude);
        db.Clock.Advance(AppApprovals.Lifetime - TimeSpan.FromSeconds(1));
        Assert.True(await approvals.DecideAsync(ada, id, approve: true));
        db.Clock.Advance(AppApprovals.Lifetime - TimeSpan.FromSeconds(1));

        Assert.Equal(AppApprovalState.Approved, await CallAsync(claude));
    }

    [ProviderFact]
    public async Task Another_user_cannot_decide_a_request()
    {
        var id = await RequestAsync(claude);

        Assert.False(await approvals.DecideAsync(bob, id, approve: true));
        Assert.False(await approvals.DecideAsync(bob, id, approve: false));

        Assert.Equal(id, (await approvals.PendingAsync(ada)).Single().Id);
        Assert.Equal(AppApprovalState.StillWaiting, await CallAsync(claude));
        Assert.Equal(AppApprovalStatus.Pending, await StatusAsync(id));
    }

    [ProviderFact]
    public async Task A_request_is_decided_once()
    {
        var id = await RequestAsync(claude);

        Assert.True(await approvals.DecideAsync(ada, id, approve: true));
        Assert.False(await approvals.DecideAsync(ada, id, approve: false));
        Assert.False(await approvals.DecideAsync(ada, id, approve: true));

        Assert.Equal(AppApprovalStatus.Approved, await StatusAsync(id));
        Assert.Equal(AppApprovalState.Approved, await CallAsync(claude));
        Assert.False(await approvals.DecideAsync(ada, id, approve: true));
    }

    [ProviderFact]
    public async Task Concurrent_calls_use_one_approval_exactly_once()
    {
        var id = await RequestAsync(claude);
        Assert.True(await approvals.DecideAsync(ada, id, approve: true));

        // Every call reads the approval before any of them marks it used.
        var gate = new StatementGate("UPDATE", "AppApprovals", participants: 8);
        var racing = new AppApprovals(gate.Over(db.Get<DbContextOptions<AppDbContext>>()), db.Clock, events);

        var states = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => racing.ClaimOrRequestAsync(claude, Tool, Args, Summary))));

        Assert.Equal(1, states.Count(s => s == AppApprovalState.Approved));
        Assert.All(states.Where(s => s != AppApprovalState.Approved), s => Assert.Contains(s, new[] { AppApprovalState.Requested, AppApprovalState.StillWaiting }));
        Assert.Equal(AppApprovalStatus.Used, await StatusAsync(id));
    }

    [ProviderFact]
    public async Task Concurrent_first_calls_make_one_request()
    {
        // Every call looks for a waiting request before any of them makes one.
        var gate = new StatementGate("INSERT", "AppApprovals", participants: 8);
        var racing = new AppApprovals(gate.Over(db.Get<DbContextOptions<AppDbContext>>()), db.Clock, events);

        var states = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => racing.ClaimOrRequestAsync(claude, Tool, Args, Summary))));

        Assert.Equal(1, states.Count(s => s == AppApprovalState.Requested));
        Assert.Equal(7, states.Count(s => s == AppApprovalState.StillWaiting));
        Assert.Single(await approvals.PendingAsync(ada));
    }

    [ProviderFact]
    public async Task Revoking_the_token_withdraws_its_requests_and_approvals()
    {
        var approved = await RequestAsync(claude);
        Assert.True(await approvals.DecideAsync(ada, approved, approve: true));
        await CallAsync(claude, """{"confirm":"other"}""");
        await CallAsync(cursor);

        Assert.True(await db.AccessTokens.RevokeAsync(ada, claude.TokenId));

        await using var context = db.CreateContext();
        Assert.Equal([cursor.TokenId], await context.AppApprovals.Select(a => a.TokenId).ToListAsync());
        Assert.Equal(["Cursor"], (await approvals.PendingAsync(ada)).Select(p => p.AppName));
    }

    private async Task<AppApprovalStatus> StatusAsync(long id)
    {
        await using var context = db.CreateContext();
        return await context.AppApprovals.Where(a => a.Id == id).Select(a => a.Status).SingleAsync();
    }

    private async Task<int> CountRowsAsync()
    {
        await using var context = db.CreateContext();
        return await context.AppApprovals.CountAsync();
    }
}
