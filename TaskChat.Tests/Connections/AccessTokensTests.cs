using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskChat.Core.Connections;
using TaskChat.Core.Data;
using TaskChat.Core.Sync;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Connections;

/// <summary>Personal access tokens on a real database: what is stored, who a secret acts for, the name rules and the per-user bound.</summary>
public abstract class AccessTokensTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : AccessTokensTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : AccessTokensTests(DatabaseProvider.Postgres);

    private readonly RecordingBroadcaster events = new();
    private TestDatabase db = default!;
    private AccessTokens tokens = default!;
    private string ada = "", bob = "";

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<IUserBroadcaster>(events), provider: provider);
        tokens = db.AccessTokens;
        ada = await db.AddUserAsync("ada@example.com");
        bob = await db.AddUserAsync("bob@example.com");
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    [ProviderFact]
    public async Task A_new_secret_is_long_prefixed_and_different_each_time()
    {
        var first = await tokens.CreateAsync(ada, "Claude Desktop", AccessTokenScope.ReadWrite);
        var second = await tokens.CreateAsync(ada, "Cursor", AccessTokenScope.ReadWrite);

        Assert.StartsWith("tcp_", first.Secret, StringComparison.Ordinal);
        Assert.True(first.Secret.Length >= 40, $"The secret has only {first.Secret.Length} characters.");
        Assert.NotEqual(first.Secret, second.Secret);
        Assert.Equal(first.Secret[^4..], first.Token.Hint);
        Assert.Equal(new AccessTokenView(first.Token.Id, "Claude Desktop", AccessTokenScope.ReadWrite, first.Secret[^4..], db.Clock.GetUtcNow().UtcDateTime, null), first.Token);
    }

    [ProviderFact]
    public async Task The_database_holds_only_the_hash_and_the_hint_never_the_secret()
    {
        var created = await tokens.CreateAsync(ada, "Claude Desktop", AccessTokenScope.ReadOnly);

        await using var context = db.CreateContext();
        var row = await context.AccessTokens.AsNoTracking().SingleAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(created.Secret))), row.SecretHash);
        Assert.Equal(created.Secret[^4..], row.Hint);

        // Every column of the raw row, as the store returns it: no five characters of the secret in a row anywhere.
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"AccessTokens\"";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var columns = Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), Convert.ToString(reader.GetValue(i)) ?? "")).ToArray();
        Assert.Contains(columns, c => c.Item1 == "SecretHash");
        var body = created.Secret["tcp_".Length..];
        foreach (var (name, value) in columns)
            for (var start = 0; start + 5 <= body.Length; start++)
                Assert.False(value.Contains(body.Substring(start, 5), StringComparison.Ordinal), $"Column {name} holds \"{body.Substring(start, 5)}\" from the secret.");
    }

    [ProviderFact]
    public async Task A_valid_secret_authenticates_as_its_holder()
    {
        var created = await tokens.CreateAsync(ada, "Claude Desktop", AccessTokenScope.ReadOnly);
        var other = await tokens.CreateAsync(bob, "Cursor", AccessTokenScope.ReadWrite);

        Assert.Equal(new TokenHolder(ada, created.Token.Id, "Claude Desktop", AccessTokenScope.ReadOnly), await tokens.AuthenticateAsync(created.Secret));
        Assert.Equal(new TokenHolder(bob, other.Token.Id, "Cursor", AccessTokenScope.ReadWrite), await tokens.AuthenticateAsync(other.Secret));
    }

    public static TheoryData<string?> NotSecrets => new()
    {
        null,
        "",
        "tcp_",
        "tcp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "tcp_" + new string('A', 200),
    };

    [ProviderTheory]
    [MemberData(nameof(NotSecrets))]
    public async Task Unknown_empty_and_over_long_secrets_are_refused(string? secret)
    {
        await tokens.CreateAsync(ada, "Claude Desktop", AccessTokenScope.ReadWrite);

        Assert.Null(await tokens.AuthenticateAsync(secret));
    }

    [ProviderFact]
    public async Task A_real_secret_with_another_prefix_or_an_extra_character_is_refused()
    {
        var created = await tokens.CreateAsync(ada, "Claude Desktop", AccessTokenScope.ReadWrite);
        var body = created.Secret["tcp_".Length..];

        Assert.Null(await tokens.AuthenticateAsync("tcq_" + body));
        Assert.Null(await tokens.AuthenticateAsync("TCP_" + body));
        Assert.Null(await tokens.AuthenticateAsync(body));
        Assert.Null(await tokens.AuthenticateAsync(created.Secret + "x"));
        Assert.Null(await tokens.AuthenticateAsync(created.Secret[..^1]));
        // Over the length bound even though the real secret is inside.
        Assert.Null(await tokens.AuthenticateAsync(created.Secret + new string(' ', 100)));
        Assert.NotNull(await tokens.AuthenticateAsync(created.Secret));
    }

    [ProviderFact]
    public async Task A_revoked_secret_is_refused_at_once()
    {
        var created = await tokens.CreateAsync(ada, "Claude Desktop", AccessTokenScope.ReadWrite);
        var kept = await tokens.CreateAsync(ada, "Cursor", AccessTokenScope.ReadWrite);

        Assert.True(await tokens.RevokeAsync(ada, created.Token.Id));

        Assert.Null(await tokens.AuthenticateAsync(created.Secret));
        Assert.NotNull(await tokens.AuthenticateAsync(kept.Secret));
        Assert.Equal(["Cursor"], (await tokens.ListAsync(ada)).Select(t => t.Name));
        Assert.False(await tokens.RevokeAsync(ada, created.Token.Id));
    }

    [ProviderFact]
    public async Task Another_user_cannot_revoke_your_token()
    {
        var created = await tokens.CreateAsync(ada, "Claude Desktop", AccessTokenScope.ReadWrite);
        var before = events.Published.Count;

        Assert.False(await tokens.RevokeAsync(bob, created.Token.Id));

        Assert.NotNull(await tokens.AuthenticateAsync(created.Secret));
        Assert.Single(await tokens.ListAsync(ada));
        Assert.Equal(before, events.Published.Count);
    }

    public static TheoryData<string?> RefusedNames => new()
    {
        null,
        "",
        "   \t  ",
        new string('n', AccessTokenRules.NameMaxLength + 1),
        "Claude\u0007Desktop",
        "bell\u0000",
        "Claude \u007F",
        "\u202Eppa.exe",
        "Cursor \u2066isolated\u2069",
    };

    [ProviderTheory]
    [MemberData(nameof(RefusedNames))]
    public async Task A_name_breaking_the_rules_is_refused_and_nothing_is_stored(string? name)
    {
        var refused = await Assert.ThrowsAsync<AccessTokenException>(() => tokens.CreateAsync(ada, name, AccessTokenScope.ReadWrite));

        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        Assert.Empty(await tokens.ListAsync(ada));
        Assert.Equal(0, await CountRowsAsync());
        Assert.Empty(events.Published);
    }

    [ProviderFact]
    public async Task Whitespace_in_a_name_is_collapsed_and_the_longest_name_is_allowed()
    {
        var created = await tokens.CreateAsync(ada, "  Claude \t  Desktop\n ", AccessTokenScope.ReadWrite);
        var longest = await tokens.CreateAsync(ada, new string('n', AccessTokenRules.NameMaxLength), AccessTokenScope.ReadWrite);

        Assert.Equal("Claude Desktop", created.Token.Name);
        Assert.Equal(AccessTokenRules.NameMaxLength, longest.Token.Name.Length);
        Assert.Equal(["Claude Desktop"], (await tokens.ListAsync(ada)).Where(t => t.Id == created.Token.Id).Select(t => t.Name));
    }

    [ProviderFact]
    public async Task A_duplicate_name_is_refused_for_the_same_user_whatever_its_case_but_not_for_another_user()
    {
        await tokens.CreateAsync(ada, "Claude Desktop", AccessTokenScope.ReadWrite);

        var refused = await Assert.ThrowsAsync<AccessTokenException>(() => tokens.CreateAsync(ada, "claude  DESKTOP", AccessTokenScope.ReadOnly));
        Assert.Contains("already have a token named \"claude DESKTOP\"", refused.Message);
        Assert.Single(await tokens.ListAsync(ada));

        var bobs = await tokens.CreateAsync(bob, "Claude Desktop", AccessTokenScope.ReadWrite);
        Assert.Equal("Claude Desktop", bobs.Token.Name);
    }

    [ProviderFact]
    public async Task The_token_past_the_per_user_bound_is_refused_with_its_reason()
    {
        for (var i = 1; i <= AccessTokenRules.MaxTokensPerUser; i++)
            await tokens.CreateAsync(ada, $"App {i}", AccessTokenScope.ReadOnly);
        var published = events.Published.Count;

        var refused = await Assert.ThrowsAsync<AccessTokenException>(() => tokens.CreateAsync(ada, "One too many", AccessTokenScope.ReadOnly));

        Assert.Equal($"You have {AccessTokenRules.MaxTokensPerUser} tokens, the most allowed. Revoke one you no longer use first.", refused.Message);
        Assert.Equal(AccessTokenRules.MaxTokensPerUser, await CountRowsAsync());
        Assert.Equal(published, events.Published.Count);
        // The bound is per user, and revoking makes room again.
        await tokens.CreateAsync(bob, "One too many", AccessTokenScope.ReadOnly);
        Assert.True(await tokens.RevokeAsync(ada, (await tokens.ListAsync(ada))[0].Id));
        await tokens.CreateAsync(ada, "One too many", AccessTokenScope.ReadOnly);
    }

    [ProviderFact]
    public async Task An_undefined_scope_is_refused()
    {
        await Assert.ThrowsAsync<AccessTokenException>(() => tokens.CreateAsync(ada, "Claude Desktop", (AccessTokenScope)7));

        Assert.Equal(0, await CountRowsAsync());
        Assert.Empty(events.Published);
    }

    [ProviderFact]
    public async Task The_list_holds_only_the_users_own_tokens_newest_first_and_no_secret()
    {
        var secrets = new List<string>();
        foreach (var name in new[] { "First", "Second", "Third" })
        {
            secrets.Add((await tokens.CreateAsync(ada, name, AccessTokenScope.ReadWrite)).Secret);
            db.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        await tokens.CreateAsync(bob, "Bob's app", AccessTokenScope.ReadWrite);

        var list = await tokens.ListAsync(ada);

        Assert.Equal(["Third", "Second", "First"], list.Select(t => t.Name));
        Assert.Equal(secrets.AsEnumerable().Reverse().Select(s => s[^4..]), list.Select(t => t.Hint));
        Assert.Equal(list.Select(t => t.CreatedUtc).OrderByDescending(t => t), list.Select(t => t.CreatedUtc));
        Assert.Equal(["Bob's app"], (await tokens.ListAsync(bob)).Select(t => t.Name));
        // The view has no member that could carry the secret or its hash.
        Assert.Equal(["CreatedUtc", "Hint", "Id", "LastUsedUtc", "Name", "Scope"],
            typeof(AccessTokenView).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [ProviderFact]
    public async Task Last_use_is_recorded_at_most_once_per_resolution()
    {
        var created = await tokens.CreateAsync(ada, "Claude Desktop", AccessTokenScope.ReadWrite);
        Assert.Null((await tokens.ListAsync(ada)).Single().LastUsedUtc);

        var first = db.Clock.GetUtcNow().UtcDateTime;
        await tokens.AuthenticateAsync(created.Secret);
        Assert.Equal(first, (await tokens.ListAsync(ada)).Single().LastUsedUtc);

        db.Clock.Advance(TimeSpan.FromSeconds(30));
        await tokens.AuthenticateAsync(created.Secret);
        Assert.Equal(first, (await tokens.ListAsync(ada)).Single().LastUsedUtc);

        db.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(TimeSpan.FromSeconds(61) > AccessTokens.LastUseResolution);
        await tokens.AuthenticateAsync(created.Secret);
        Assert.Equal(first.AddSeconds(61), (await tokens.ListAsync(ada)).Single().LastUsedUtc);
    }

    [ProviderFact]
    public async Task Creating_and_revoking_tell_the_owners_tabs_and_no_one_else()
    {
        var created = await tokens.CreateAsync(ada, "Claude Desktop", AccessTokenScope.ReadWrite);
        Assert.Equal([(ada, (UserEvent)new AccessTokensChanged())], events.Published);

        await tokens.RevokeAsync(ada, created.Token.Id);
        Assert.Equal(2, events.Count<AccessTokensChanged>(ada));

        await Assert.ThrowsAsync<AccessTokenException>(() => tokens.CreateAsync(ada, "", AccessTokenScope.ReadWrite));
        Assert.False(await tokens.RevokeAsync(ada, created.Token.Id));
        Assert.Equal(2, events.Published.Count);
        Assert.Equal(0, events.Count<AccessTokensChanged>(bob));
    }

    private async Task<int> CountRowsAsync()
    {
        await using var context = db.CreateContext();
        return await context.AccessTokens.CountAsync();
    }
}
