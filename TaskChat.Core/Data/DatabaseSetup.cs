using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace TaskChat.Core.Data;

/// <summary>The one place a provider is chosen and set up, shared by the app and by `dotnet ef`.</summary>
public static class DatabaseSetup
{
    public static DbContextOptionsBuilder UseTaskChatDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString, int busyTimeoutMs)
    {
        options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
        return provider switch
        {
            DatabaseProvider.Postgres => options.UseNpgsql(WithLockTimeout(connectionString, busyTimeoutMs)),
            _ => options
                // Microsoft.Data.Sqlite retries a locked database until the command timeout (30 s by
                // default) on top of SQLite's own busy_timeout; bound both by the one setting.
                .UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(Math.Max(1, (int)Math.Ceiling(busyTimeoutMs / 1000.0))))
                .AddInterceptors(new SqlitePragmaInterceptor(busyTimeoutMs)),
        };
    }

    /// <summary>
    /// PostgreSQL waits for a row or table lock forever by default; lock_timeout makes a write
    /// held up by another one fail after the busy timeout, as SQLite's busy_timeout does. Sent
    /// as a start-up option, it is the session's default and survives the pool's DISCARD ALL.
    /// 0 means no wait at all in SQLite but "no limit" in PostgreSQL, hence at least 1 ms.
    /// </summary>
    internal static string WithLockTimeout(string connectionString, int busyTimeoutMs)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"{builder.Options} -c lock_timeout={Math.Max(1, busyTimeoutMs)}".Trim();
        return builder.ConnectionString;
    }
}
