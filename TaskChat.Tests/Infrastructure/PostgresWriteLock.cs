using Npgsql;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// Holds PostgreSQL's locks on every app table from another connection, as a long write elsewhere
/// would, for as long as it is not disposed. EXCLUSIVE mode, like SQLite's write lock: every write
/// waits, reads go on. Unpooled, so disposing really ends the transaction.
/// </summary>
public sealed class PostgresWriteLock : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;

    private PostgresWriteLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
    }

    public static async Task<PostgresWriteLock> AcquireAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            """
            DO $$
            DECLARE t text;
            BEGIN
              FOR t IN SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory' LOOP
                EXECUTE 'LOCK TABLE ' || t || ' IN EXCLUSIVE MODE';
              END LOOP;
            END $$
            """, connection, transaction);
        await command.ExecuteNonQueryAsync();
        return new PostgresWriteLock(connection, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.RollbackAsync();
        await connection.DisposeAsync();
    }
}
