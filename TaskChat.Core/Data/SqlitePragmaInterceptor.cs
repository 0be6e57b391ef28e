using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TaskChat.Core.Data;

/// <summary>
/// Sets each SQLite connection up for a web app with many concurrent readers and writers: WAL so
/// readers never block the writer, synchronous=NORMAL (durable in WAL mode, far fewer fsyncs),
/// a busy timeout so a second writer waits instead of failing with "database is locked", and
/// foreign keys enforced. Pooled connections re-run this on every open: four cheap pragmas.
/// It also registers <c>casefold</c>, because SQLite's own LIKE and lower() fold ASCII only:
/// searching "ÉTÉ" must find "été".
/// </summary>
internal sealed class SqlitePragmaInterceptor(int busyTimeoutMs) : DbConnectionInterceptor
{
    private readonly string _pragmas =
        $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={busyTimeoutMs}; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        RegisterFunctions(connection);
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RegisterFunctions(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void RegisterFunctions(DbConnection connection) =>
        ((SqliteConnection)connection).CreateFunction(AppDbContext.CaseFoldFunction, (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
}
