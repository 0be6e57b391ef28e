using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskChat.Core;
using TaskChat.Core.Accounts;
using TaskChat.Core.Data;
using TaskChat.Core.Tasks;

namespace TaskChat.Tests.Infrastructure;

/// <summary>A real SQLite file, migrated like the app's, with Core's services over it; deleted on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 11, 15, 30, 0, TimeSpan.Zero); // a Wednesday

    private readonly string directory = Directory.CreateTempSubdirectory("taskchat-test-").FullName;
    private readonly ServiceProvider services;

    private TestDatabase(DateTimeOffset now, int busyTimeoutMs, Action<IServiceCollection>? configure)
    {
        Clock = new FakeTimeProvider(now);
        ConnectionString = DatabaseOptions.ResolveConnectionString("Data Source=test.db", directory);
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddTaskChatCore(ConnectionString, busyTimeoutMs);
        collection.AddSingleton<TimeProvider>(Clock);
        configure?.Invoke(collection);
        services = collection.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; }
    public string ConnectionString { get; }
    public string FilePath => Path.Combine(directory, "test.db");
    public TaskService Tasks => services.GetRequiredService<TaskService>();
    public UserTimeZones TimeZones => services.GetRequiredService<UserTimeZones>();

    public static async Task<TestDatabase> CreateAsync(DateTimeOffset? now = null, int busyTimeoutMs = 5000, Action<IServiceCollection>? configure = null)
    {
        var db = new TestDatabase(now ?? DefaultNow, busyTimeoutMs, configure);
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

    public Task<SqliteWriteLock> HoldWriteLockAsync() => SqliteWriteLock.AcquireAsync(FilePath);

    public async Task<int> CountTasksAsync()
    {
        await using var db = CreateContext();
        return await db.Tasks.CountAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
