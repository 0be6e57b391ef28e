using Microsoft.EntityFrameworkCore;
using TaskChat.Core.Data;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Data;

public sealed class SqliteConnectionTests
{
    [Fact]
    public async Task Every_connection_uses_wal_normal_sync_a_busy_timeout_and_foreign_keys()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = db.CreateContext();
        await context.Database.OpenConnectionAsync();

        async Task<long> Pragma(string name)
        {
            await using var command = context.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            var value = await command.ExecuteScalarAsync();
            return value is string text ? (text == "wal" ? 1 : 0) : Convert.ToInt64(value);
        }

        Assert.Equal(1, await Pragma("journal_mode")); // "wal"
        Assert.Equal(1, await Pragma("synchronous"));  // NORMAL
        Assert.Equal(5000, await Pragma("busy_timeout"));
        Assert.Equal(1, await Pragma("foreign_keys"));
    }

    [Fact]
    public void A_relative_database_path_is_made_absolute_and_its_folder_created()
    {
        var root = Directory.CreateTempSubdirectory("taskchat-path-").FullName;
        try
        {
            var resolved = DatabaseOptions.ResolveConnectionString("Data Source=nested/app.db", root);
            Assert.Equal($"Data Source={Path.Combine(root, "nested", "app.db")}", resolved);
            Assert.True(Directory.Exists(Path.Combine(root, "nested")));
            Assert.Contains("data/taskchat.db", DatabaseOptions.ResolveConnectionString(null, root).Replace('\\', '/'));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=x;Mode=Memory")]
    public void An_in_memory_database_is_refused(string connectionString) =>
        Assert.Throws<InvalidOperationException>(() => DatabaseOptions.ResolveConnectionString(connectionString, "/tmp"));

    [Fact]
    public async Task Migrations_create_the_schema_and_the_model_has_no_unmigrated_changes()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = db.CreateContext();
        Assert.Contains("ChatMessages", await context.Database.SqlQueryRaw<string>("SELECT name FROM sqlite_master WHERE type = 'table'").ToListAsync());
        Assert.False(context.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add.");
    }
}
