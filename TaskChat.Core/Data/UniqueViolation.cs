using Microsoft.Data.Sqlite;
using Npgsql;

namespace TaskChat.Core.Data;

/// <summary>An insert that a unique index refused: another writer got there first.</summary>
internal static class UniqueViolation
{
    private const int SqliteConstraintUnique = 2067; // SQLITE_CONSTRAINT_UNIQUE

    public static bool Is(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique }
                || inner is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
                return true;
        }
        return false;
    }
}
