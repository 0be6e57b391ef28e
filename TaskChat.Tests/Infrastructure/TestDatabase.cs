using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskChat.Core;
using TaskChat.Core.Accounts;
using TaskChat.Core.Connections;
using TaskChat.Core.Data;
using TaskChat.Core.Tasks;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// A real database, migrated like the app's, with Core's services over it; deleted on dispose: a
/// SQLite file by default, or a database of its own on the test run's PostgreSQL server.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 11, 15, 30, 0, TimeSpan.Zero); // a Wednesday

    private readonly string directory = Directory.CreateTempSubdirectory("taskchat-test-").FullName;
    private readonly ServiceProvider services;

    private readonly PostgresServer? postgres;

    private TestDatabase(DateTimeOffset now, int busyTimeoutMs, Action<IServiceCollection>? configure, PostgresServer? postgres, string? postgresDatabase)
    {
        Clock = new FakeTimeProvider(now);
        this.postgres = postgres;
        Provider = postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        ConnectionString = postgresDatabase ?? DatabaseOptions.ResolveConnectionString("Data Source=test.db", directory);
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddTaskChatCore(ConnectionString, busyTimeoutMs, provider: Provider);
        collection.AddSingleton<TimeProvider>(Clock);
        configure?.Invoke(collection);
        services = collection.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; }
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    /// <summary>The SQLite file (SQLite only).</summary>
    public string FilePath => Path.Combine(directory, "test.db");
    public TaskService Tasks => services.GetRequiredService<TaskService>();
    public UserTimeZones TimeZones => services.GetRequiredService<UserTimeZones>();
    public AccessTokens AccessTokens => services.GetRequiredService<AccessTokens>();
    public AppApprovals AppApprovals => services.GetRequiredService<AppApprovals>();

    public static async Task<TestDatabase> CreateAsync(DateTimeOffset? now = null, int busyTimeoutMs = 5000, Action<IServiceCollection>? configure = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var postgres = provider == DatabaseProvider.Postgres ? await PostgresServer.SharedAsync() : null;
        var postgresDatabase = postgres is null ? null : await postgres.CreateDatabaseAsync();
        var db = new TestDatabase(now ?? DefaultNow, busyTimeoutMs, configure, postgres, postgresDatabase);
        await db.services.MigrateDatabaseAsync();
        return db;
    }

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public AppDbContext CreateContext() => services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    /// <summary>Adds a user row directly: these tests are about tasks, not sign-up.</summary>
    public async Task<string> AddUserAsync(string email, string? timeZone = null)
    {
        await using var db = CreateContext();
        var user = new AppUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, TimeZone = timeZone };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>Another connection holds the write lock (every app table on PostgreSQL) until disposed.</summary>
    public async Task<IAsyncDisposable> HoldWriteLockAsync() => postgres is null
        ? await SqliteWriteLock.AcquireAsync(FilePath)
        : await PostgresWriteLock.AcquireAsync(ConnectionString);

    public async Task<int> CountTasksAsync()
    {
        await using var db = CreateContext();
        return await db.Tasks.CountAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        if (postgres is not null) await postgres.DropDatabaseAsync(ConnectionString);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
