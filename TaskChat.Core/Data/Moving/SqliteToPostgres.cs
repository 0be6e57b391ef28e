using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace TaskChat.Core.Data.Moving;

/// <summary>
/// Moves a SQLite install into an empty PostgreSQL database: every table, and the sign-in keys the
/// SQLite install kept in files, so accounts, sessions, tasks, chats and send limits carry over and
/// nobody has to sign in again. What `copy-to-postgres` runs.
/// </summary>
public static class SqliteToPostgres
{
    public static async Task<IReadOnlyList<TableCount>> RunAsync(
        string sqliteConnectionString, string postgresConnectionString, string? keysDirectory, int busyTimeoutMs, CancellationToken ct = default)
    {
        await using var source = Open(DatabaseProvider.Sqlite, sqliteConnectionString, busyTimeoutMs);
        await using var target = Open(DatabaseProvider.Postgres, postgresConnectionString, busyTimeoutMs);

        await RefuseForeignTablesAsync(target, ct);
        // An install copied before its first start on this version is brought up to date first,
        // as that start would have done: both sides must have the same tables.
        await source.Database.MigrateAsync(ct);
        await target.Database.MigrateAsync(ct);
        await PostgresLocale.EnsureUnicodeFoldingAsync(target, ct);
        return await DatabaseCopy.CopyAsync(source, target, ReadKeyFiles(keysDirectory), ct);
    }

    private static AppDbContext Open(DatabaseProvider provider, string connectionString, int busyTimeoutMs)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseTaskChatDatabase(provider, connectionString, busyTimeoutMs);
        return new AppDbContext(options.Options);
    }

    /// <summary>
    /// A database already used by something else is not "empty" even when TaskChat's tables are
    /// missing: refuse before migrating puts TaskChat's tables beside another application's.
    /// </summary>
    private static async Task RefuseForeignTablesAsync(AppDbContext target, CancellationToken ct)
    {
        if (!await target.Database.CanConnectAsync(ct)) return; // a missing database is created by the migration
        var ours = target.Model.GetEntityTypes().Select(t => t.GetTableName()).Append("__EFMigrationsHistory").ToHashSet();
        var tables = await target.Database
            .SqlQueryRaw<string>("SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema()")
            .ToListAsync(ct);
        var foreign = tables.Where(t => !ours.Contains(t)).Order().ToList();
        if (foreign.Count > 0)
            throw new DatabaseCopyRefusedException(
                $"The target database holds tables TaskChat does not use ({string.Join(", ", foreign.Take(5))}{(foreign.Count > 5 ? ", …" : "")}): give TaskChat a database of its own. Nothing was changed.");
    }

    /// <summary>The key files as Data Protection's database store names them: the file name is the friendly name.</summary>
    private static List<DataProtectionKey> ReadKeyFiles(string? keysDirectory) =>
        keysDirectory is null || !Directory.Exists(keysDirectory)
            ? []
            : Directory.EnumerateFiles(keysDirectory, "*.xml").Order()
                .Select(f => new DataProtectionKey { FriendlyName = Path.GetFileNameWithoutExtension(f), Xml = XElement.Load(f).ToString(SaveOptions.DisableFormatting) })
                .ToList();
}
