using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TaskChat.Core.Data;

/// <summary>
/// Another writer held the database for longer than the busy timeout; nothing was written.
/// Callers show this as "try again" rather than as a failure of the app.
/// </summary>
public sealed class StoreBusyException(Exception inner)
    : Exception("The database is busy right now; nothing was changed. Try again in a moment.", inner)
{
    /// <summary>
    /// Looks down the whole chain: EF wraps the provider's error in DbUpdateException, and Npgsql's
    /// execution strategy wraps a transient one once more (in InvalidOperationException).
    /// </summary>
    internal static bool IsBusy(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED }
                || inner is PostgresException { SqlState: PostgresBusyStates.SerializationFailure or PostgresBusyStates.Deadlock or PostgresBusyStates.LockNotAvailable or PostgresBusyStates.QueryCanceled })
                return true;
        }
        return false;
    }
}

/// <summary>
/// PostgreSQL's ways of saying "another write got in the way", each of which rolls the statement
/// (and its transaction) back: a conflicting serializable transaction, a deadlock, a lock not
/// granted within lock_timeout, and a statement cancelled by statement_timeout. A cancellation
/// asked for by our own token surfaces as OperationCanceledException instead, never as this.
/// </summary>
internal static class PostgresBusyStates
{
    public const string SerializationFailure = PostgresErrorCodes.SerializationFailure;
    public const string Deadlock = PostgresErrorCodes.DeadlockDetected;
    public const string LockNotAvailable = PostgresErrorCodes.LockNotAvailable;
    public const string QueryCanceled = PostgresErrorCodes.QueryCanceled;
}

internal static class BusyAwareSaving
{
    /// <summary>SaveChanges, with a busy database reported as <see cref="StoreBusyException"/>.</summary>
    public static async Task SaveOrReportBusyAsync(this DbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (StoreBusyException.IsBusy(e))
        {
            throw new StoreBusyException(e);
        }
    }

    /// <summary>A bulk statement (ExecuteUpdate/ExecuteDelete), with a busy database reported as <see cref="StoreBusyException"/>.</summary>
    public static async Task<T> OrReportBusy<T>(this Task<T> statement)
    {
        try
        {
            return await statement;
        }
        catch (Exception e) when (StoreBusyException.IsBusy(e))
        {
            throw new StoreBusyException(e);
        }
    }
}
