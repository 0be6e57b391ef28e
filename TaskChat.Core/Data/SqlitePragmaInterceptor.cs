using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TaskChat.Core.Data;

/// <summary>
/// Sets each SQLite connection up for a web app with many concurrent readers and writers: WAL so
/// readers never block the writer, synchronous=NORMAL (durable in WAL mode, far fewer fsyncs),
/// a busy timeout so a second writer waits instead of failing with "database is locked", and
/// foreign keys enforced. Pooled connections re-run this on every open: four cheap pragmas.
/// </summary>
internal sealed class SqlitePragmaInterceptor(int busyTimeoutMs) : DbConnectionInterceptor
{
    private readonly string _pragmas =
        $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={busyTimeoutMs}; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
