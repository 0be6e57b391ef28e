using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskChat.Core.Accounts;
using TaskChat.Core.Data;
using TaskChat.Core.Tasks;

namespace TaskChat.Core;

public static class DependencyInjection
{
    /// <param name="connectionString">An absolute SQLite connection string (see <see cref="DatabaseOptions"/>).</param>
    public static IServiceCollection AddTaskChatCore(this IServiceCollection services, string connectionString, int busyTimeoutMs = 5000)
    {
        services.AddDbContextFactory<AppDbContext>(options => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmaInterceptor(busyTimeoutMs)));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TaskService>();
        services.AddSingleton<UserTimeZones>();
        return services;
    }

    /// <summary>Brings the database schema up to date; run once at start-up.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
    }
}
