using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TaskChat.Core.Data;

/// <summary>
/// Lets `dotnet ef migrations add` build the model without starting the web host. Each provider has
/// its own migrations; pick one after `--`:
/// <c>dotnet ef migrations add Name --project TaskChat.Core --startup-project TaskChat.Web</c> (SQLite), and
/// <c>dotnet ef migrations add Name --project TaskChat.Core --startup-project TaskChat.Web --output-dir Data/Migrations/Postgres --namespace TaskChat.Core.Data.Migrations.Postgres -- --provider Postgres</c>.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var provider = args.SkipWhile(a => a != "--provider").Skip(1).FirstOrDefault() is { } name
            ? Enum.Parse<DatabaseProvider>(name, ignoreCase: true)
            : DatabaseProvider.Sqlite;
        // Never connected to: `migrations add` only needs the provider's type mappings.
        var connectionString = provider == DatabaseProvider.Postgres ? "Host=localhost;Database=design-time" : "Data Source=design-time.db";
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseTaskChatDatabase(provider, connectionString, busyTimeoutMs: 5000);
        return new(options.Options);
    }
}
