using Microsoft.EntityFrameworkCore;

namespace TaskChat.Core.Data;

/// <summary>
/// Search folds case with PostgreSQL's lower(), which follows the database's LC_CTYPE: in a C or
/// POSIX database it folds ASCII only, and searching "été" would silently miss "ÉTÉ". Such a
/// database is refused at start-up instead.
/// </summary>
internal static class PostgresLocale
{
    public static async Task EnsureUnicodeFoldingAsync(AppDbContext db, CancellationToken ct)
    {
        var folds = await db.Database.SqlQueryRaw<bool>("SELECT lower('É') = 'é' AS \"Value\"").SingleAsync(ct);
        if (folds) return;
        var ctype = await db.Database.SqlQueryRaw<string>("SELECT datctype AS \"Value\" FROM pg_database WHERE datname = current_database()").SingleAsync(ct);
        throw new InvalidOperationException(
            $"The PostgreSQL database's character type (LC_CTYPE '{ctype}') lower-cases ASCII letters only, so searches would miss " +
            "accented and other non-ASCII text. Create the database with a UTF-8 locale, e.g. " +
            "CREATE DATABASE taskchat TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' (or en_US.UTF-8).");
    }
}
