using TaskChat.Core.Connections;
using TaskChat.Core.Sync;
using TaskChat.Tests.Infrastructure;
using TaskChat.Web.Components.Connections;

namespace TaskChat.Tests.Components.Connections;

public sealed class ConnectedAppsStateTests
{
    private static async Task<(TestDatabase Db, string User, ConnectedAppsState State)> LoadedAsync()
    {
        var db = await TestDatabase.CreateAsync();
        var user = await db.AddUserAsync("ada@example.com");
        var state = new ConnectedAppsState(db.Get<AccessTokens>(), db.Clock);
        await state.LoadAsync(user, TimeZoneInfo.Utc);
        return (db, user, state);
    }

    [Fact]
    public async Task Revoking_the_token_just_made_stops_offering_its_secret()
    {
        var (db, _, state) = await LoadedAsync();
        await using var _db = db;
        using var _state = state;
        Assert.True(await state.CreateAsync("Claude Desktop", AccessTokenScope.ReadOnly));
        Assert.True(await state.CreateAsync("VS Code", AccessTokenScope.ReadOnly));
        var shown = state.Created!.Token.Id;

        await state.RevokeAsync(state.Tokens.Single(t => t.Name == "Claude Desktop").Id);
        Assert.Equal(shown, state.Created?.Token.Id); // another token's secret stays

        await state.RevokeAsync(shown);
        Assert.Null(state.Created);
        Assert.Empty(state.Tokens);
    }

    [Fact]
    public async Task A_revoke_waiting_for_yes_is_dropped_when_another_tab_revokes_that_token()
    {
        var (db, user, state) = await LoadedAsync();
        await using var _db = db;
        using var _state = state;
        var made = await db.Get<AccessTokens>().CreateAsync(user, "Claude Desktop", AccessTokenScope.ReadOnly);
        await state.ReloadAsync();
        state.AskRevoke(made.Token.Id);

        await db.Get<AccessTokens>().RevokeAsync(user, made.Token.Id);
        await state.HandleAsync(new AccessTokensChanged());

        Assert.Null(state.ConfirmingRevoke);
        Assert.Empty(state.Tokens);
    }

    [Fact]
    public async Task A_request_answered_in_another_tab_says_so_instead_of_approving()
    {
        await using var db = await TestDatabase.CreateAsync();
        var user = await db.AddUserAsync("ada@example.com");
        var token = (await db.Get<AccessTokens>().CreateAsync(user, "Claude Desktop", AccessTokenScope.ReadWrite)).Token;
        var approvals = db.Get<AppApprovals>();
        await approvals.ClaimOrRequestAsync(new TokenHolder(user, token.Id, token.Name, token.Scope), "delete_all_tasks", "{}", "Delete all 12 of your tasks");
        using var state = new AppApprovalsState(approvals);
        await state.LoadAsync(user);
        var request = Assert.Single(state.Pending);
        Assert.True(await approvals.DecideAsync(user, request.Id, approve: false)); // the other tab

        await state.DecideAsync(request, approve: true);

        Assert.Equal("The request from Claude Desktop was already answered in another tab, or it expired.", state.Notice);
        Assert.Empty(state.Pending);
    }
}
