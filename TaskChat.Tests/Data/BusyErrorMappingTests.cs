using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TaskChat.Core.Data;

namespace TaskChat.Tests.Data;

/// <summary>
/// Which provider errors mean "another write got in the way, nothing changed". The lock timeout is
/// also tested for real (BusyDatabaseTests+OnPostgres); deadlocks and serialization failures cannot
/// be brought about through the app's own writes on demand, so their codes are checked here.
/// </summary>
public sealed class BusyErrorMappingTests
{
    [Theory]
    [InlineData("40001", true)]  // serialization_failure
    [InlineData("40P01", true)]  // deadlock_detected
    [InlineData("55P03", true)]  // lock_not_available (lock_timeout)
    [InlineData("57014", true)]  // query_canceled (statement_timeout)
    [InlineData("23505", false)] // unique_violation: a real error, not "try again"
    [InlineData("53300", false)] // too_many_connections
    public void PostgreSQL_errors_wrapped_as_EF_and_Npgsql_wrap_them(string sqlState, bool busy)
    {
        var error = new PostgresException("message", "ERROR", "ERROR", sqlState);
        var wrapped = new InvalidOperationException("transient", new DbUpdateException("save", error));

        Assert.Equal(busy, StoreBusyException.IsBusy(error));
        Assert.Equal(busy, StoreBusyException.IsBusy(wrapped));
    }

    [Theory]
    [InlineData(SQLitePCL.raw.SQLITE_BUSY, true)]
    [InlineData(SQLitePCL.raw.SQLITE_LOCKED, true)]
    [InlineData(SQLitePCL.raw.SQLITE_CONSTRAINT, false)]
    public void SQLite_errors(int code, bool busy) =>
        Assert.Equal(busy, StoreBusyException.IsBusy(new DbUpdateException("save", new SqliteException("message", code))));
}
