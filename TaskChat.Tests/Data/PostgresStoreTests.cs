using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TaskChat.Core;
using TaskChat.Core.Data;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Data;

/// <summary>What only PostgreSQL needs: a locale that folds Unicode, the lock timeout, and sign-in keys kept in the database.</summary>
public sealed class PostgresStoreTests
{
    [PostgresFact]
    public async Task A_database_whose_lower_folds_ascii_only_is_refused_at_start_up()
    {
        var server = await PostgresServer.SharedAsync();
        var name = "c" + Guid.NewGuid().ToString("N");
        await server.ExecuteAsync($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        var connectionString = server.ConnectionString(name);
        try
        {
            await using var services = CoreServices(connectionString);

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => services.MigrateDatabaseAsync());

            Assert.Contains("(LC_CTYPE 'C') lower-cases ASCII letters only", refused.Message);
            Assert.Contains("LC_CTYPE 'C.UTF-8'", refused.Message);
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    [PostgresFact]
    public async Task Every_connection_waits_for_a_lock_no_longer_than_the_busy_timeout()
    {
        await using var db = await TestDatabase.CreateAsync(busyTimeoutMs: 1234, provider: DatabaseProvider.Postgres);
        await using var context = db.CreateContext();

        var lockTimeout = await context.Database.SqlQueryRaw<string>("SELECT current_setting('lock_timeout') AS \"Value\"").SingleAsync();

        Assert.Equal("1234ms", lockTimeout);
    }

    [PostgresFact]
    public async Task A_cookie_protected_by_one_instance_is_read_by_another_and_after_a_restart()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        try
        {
            string cookie;
            await using (var first = AppLikeServices(connectionString))
                cookie = Protector(first).Protect("ada's session");

            await using var second = AppLikeServices(connectionString);
            await using var restarted = AppLikeServices(connectionString);

            Assert.Equal("ada's session", Protector(second).Unprotect(cookie));
            Assert.Equal("ada's session", Protector(restarted).Unprotect(cookie));
            await using var db = second.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
            Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    private static ServiceProvider CoreServices(string connectionString) =>
        new ServiceCollection().AddLogging().AddTaskChatCore(connectionString, provider: DatabaseProvider.Postgres).BuildServiceProvider();

    /// <summary>An instance's key ring as the app sets it up on PostgreSQL (TaskChatServices).</summary>
    private static ServiceProvider AppLikeServices(string connectionString)
    {
        var services = new ServiceCollection().AddLogging().AddTaskChatCore(connectionString, provider: DatabaseProvider.Postgres);
        services.AddDataProtection().SetApplicationName("TaskChat").PersistKeysToDbContext<AppDbContext>();
        return services.BuildServiceProvider();
    }

    private static IDataProtector Protector(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie");
}
