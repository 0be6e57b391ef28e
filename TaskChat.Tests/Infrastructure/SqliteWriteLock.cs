using Microsoft.Data.Sqlite;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// Holds SQLite's write lock from another connection, as a long write elsewhere would. Unpooled and
/// rolled back explicitly: a pooled connection would keep the raw BEGIN open after Dispose.
/// </summary>
public sealed class SqliteWriteLock : IAsyncDisposable
{
    private readonly SqliteConnection connection;

    private SqliteWriteLock(SqliteConnection connection) => this.connection = connection;

    public static async Task<SqliteWriteLock> AcquireAsync(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await Execute(connection, "BEGIN IMMEDIATE");
        return new SqliteWriteLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        await Execute(connection, "ROLLBACK");
        await connection.DisposeAsync();
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
