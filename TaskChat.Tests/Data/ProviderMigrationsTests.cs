using Microsoft.EntityFrameworkCore;
using TaskChat.Core.Data;

namespace TaskChat.Tests.Data;

/// <summary>Each provider sees its own migrations, and neither is behind the model (no server needed).</summary>
public sealed class ProviderMigrationsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=unused")]
    public void The_model_has_no_change_without_a_migration(DatabaseProvider provider, string connectionString)
    {
        using var context = Context(provider, connectionString);
        Assert.False(context.Database.HasPendingModelChanges(),
            $"The model changed without a {provider} migration: see DesignTimeDbContextFactory for the two `dotnet ef migrations add` commands.");
    }

    [Fact]
    public void Each_provider_applies_only_its_own_migrations()
    {
        using var sqlite = Context(DatabaseProvider.Sqlite, "Data Source=unused.db");
        using var postgres = Context(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=unused");
        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        var postgresMigrations = postgres.Database.GetMigrations().ToList();

        Assert.Contains(sqliteMigrations, m => m.EndsWith("_AnswerStarts"));
        Assert.Contains(postgresMigrations, m => m.EndsWith("_Initial"));
        Assert.Empty(sqliteMigrations.Intersect(postgresMigrations));
    }

    private static AppDbContext Context(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseTaskChatDatabase(provider, connectionString, busyTimeoutMs: 5000);
        return new AppDbContext(options.Options);
    }
}
