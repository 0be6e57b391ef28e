using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskChat.Core;
using TaskChat.Core.Connections;
using TaskChat.Core.Data;
using TaskChat.Core.Data.Moving;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Data;

/// <summary>
/// Moving an install to PostgreSQL: a real SQLite file (with sign-in keys in files, as the app
/// keeps them) copied into an empty database on the test run's PostgreSQL server.
/// </summary>
public sealed class SqliteToPostgresTests : IAsyncLifetime
{
    private const string Secret = "a sign-in cookie's payload";

    private readonly string keys = Directory.CreateTempSubdirectory("taskchat-keys-").FullName;
    private TestDatabase source = null!;
    private PostgresServer postgres = null!;
    private string target = null!;

    public async Task InitializeAsync()
    {
        source = await TestDatabase.CreateAsync();
        if (PostgresFactAttribute.SkipReason is not null) return;
        postgres = await PostgresServer.SharedAsync();
        target = await postgres.CreateDatabaseAsync(migrated: false);
    }

    public async Task DisposeAsync()
    {
        await source.DisposeAsync();
        if (target is not null) await postgres.DropDatabaseAsync(target);
        Directory.Delete(keys, recursive: true);
    }

    [PostgresFact]
    public async Task Everything_moves_and_a_sign_in_made_before_the_move_is_still_valid_after_it()
    {
        var (ann, firstTask) = await DatabaseCopyTests.SeedAsync(source);
        // A SQLite install keeps its keys in files: protect a payload with them, as a sign-in does.
        var cookie = FileKeys().Protect(Secret);
        var token = await source.AccessTokens.CreateAsync(ann, "Claude Desktop", AccessTokenScope.ReadOnly);

        var counts = await SqliteToPostgres.RunAsync(source.ConnectionString, target, keys, 5000);

        Assert.All(counts, c => Assert.True(c.Matches, $"{c.Table}: {c.Source} → {c.Target}"));
        Assert.Equal(25, counts.Single(c => c.Table == "Tasks").Target);
        Assert.Equal(1, counts.Single(c => c.Table == "DataProtectionKeys").Target);
        await using var moved = TargetServices();
        Assert.Equal(Secret, DatabaseKeys(moved).Unprotect(cookie));
        var tasks = moved.GetRequiredService<TaskService>();
        Assert.Equal(firstTask.Title, (await tasks.GetAsync(ann, firstTask.Id)).Title);
        Assert.Equal(10, (await tasks.QueryAsync(ann, new TaskQuery { Tag = "home" })).TotalCount);
        Assert.Single((await tasks.QueryAsync(ann, new TaskQuery { Text = "TASK 0 FÜR ÖZIL" })).Items);
        // A connected app's token keeps working: only its hash moved, and that is what is looked up.
        Assert.Equal(new TokenHolder(ann, token.Token.Id, "Claude Desktop", AccessTokenScope.ReadOnly),
            await moved.GetRequiredService<AccessTokens>().AuthenticateAsync(token.Secret));
        // The identity sequences continue after the copied ids: a new task, chat message and key insert cleanly.
        var added = await tasks.CreateAsync(ann, new TaskDraft("After the move"));
        Assert.True(added.Id > counts.Single(c => c.Table == "Tasks").Source);
    }

    [PostgresFact]
    public async Task Running_it_again_is_refused_and_changes_nothing()
    {
        await DatabaseCopyTests.SeedAsync(source);
        FileKeys().Protect(Secret);
        await SqliteToPostgres.RunAsync(source.ConnectionString, target, keys, 5000);
        var before = await TargetCountsAsync();

        var refused = await Assert.ThrowsAsync<DatabaseCopyRefusedException>(() => SqliteToPostgres.RunAsync(source.ConnectionString, target, keys, 5000));

        Assert.Contains("not empty", refused.Message);
        Assert.Equal(before, await TargetCountsAsync());
    }

    [PostgresFact]
    public async Task A_database_another_application_uses_is_refused_before_anything_is_created_in_it()
    {
        await DatabaseCopyTests.SeedAsync(source);
        await using (var connection = new Npgsql.NpgsqlConnection(target))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("CREATE TABLE invoices (id int)", connection);
            await command.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<DatabaseCopyRefusedException>(() => SqliteToPostgres.RunAsync(source.ConnectionString, target, keys, 5000));

        Assert.Contains("tables TaskChat does not use (invoices)", refused.Message);
        await using var db = TargetServices().GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
    }

    private IDataProtector FileKeys() =>
        DataProtectionProvider.Create(new DirectoryInfo(keys), b => b.SetApplicationName("TaskChat")).CreateProtector("cookie");

    private static IDataProtector DatabaseKeys(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie");

    /// <summary>What an instance on PostgreSQL runs with: Core's services and keys in the database.</summary>
    private ServiceProvider TargetServices()
    {
        var services = new ServiceCollection().AddLogging().AddTaskChatCore(target, provider: DatabaseProvider.Postgres);
        services.AddDataProtection().SetApplicationName("TaskChat").PersistKeysToDbContext<AppDbContext>();
        return services.BuildServiceProvider();
    }

    private async Task<long[]> TargetCountsAsync()
    {
        await using var services = TargetServices();
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return [await db.Users.LongCountAsync(), await db.Tasks.LongCountAsync(), await db.Messages.LongCountAsync(), await db.DataProtectionKeys.LongCountAsync()];
    }
}
