using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace TaskChat.Core.Data;

public static class DatabaseHealthCheck
{
    public const string Name = "database";

    /// <summary>
    /// The database as a health check (EF Core's <c>AddDbContextCheck</c>). Its default test,
    /// CanConnect, only asks SQLite whether the file exists; reading a table also proves the file
    /// is a database, the schema is there and the connection set-up (pragmas) runs.
    /// </summary>
    public static IHealthChecksBuilder AddTaskChatDatabase(this IHealthChecksBuilder checks) =>
        checks.AddDbContextCheck<AppDbContext>(Name, customTestQuery: async (db, ct) =>
        {
            await db.Tasks.AnyAsync(ct);
            return true;
        });
}
