using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskChat.Core.Assistant;
using TaskChat.Core.Assistant.Providers;
using TaskChat.Core.Assistant.Runs;
using TaskChat.Core.Accounts;
using TaskChat.Core.Chat;
using TaskChat.Core.Connections;
using TaskChat.Core.Data;
using TaskChat.Core.Sync;
using TaskChat.Core.Tasks;
using TaskChat.Core.Telemetry;

namespace TaskChat.Core;

public static class DependencyInjection
{
    /// <param name="connectionString">An absolute SQLite connection string (see <see cref="DatabaseOptions"/>), or an Npgsql one with <paramref name="provider"/> Postgres.</param>
    /// <param name="redis">A StackExchange.Redis configuration string: set, tabs on several server instances stay in sync.</param>
    public static IServiceCollection AddTaskChatCore(this IServiceCollection services, string connectionString, int busyTimeoutMs = 5000, string? redis = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        services.AddDbContextFactory<AppDbContext>(options => options.UseTaskChatDatabase(provider, connectionString, busyTimeoutMs));
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<TaskChatMetrics>();
        services.AddSingleton<InMemoryUserBroadcaster>();
        services.AddSingleton(new SyncMode(SharedWithOtherInstances: !string.IsNullOrWhiteSpace(redis)));
        if (string.IsNullOrWhiteSpace(redis))
            services.AddSingleton<IUserBroadcaster>(sp => sp.GetRequiredService<InMemoryUserBroadcaster>());
        else
        {
            // One connection for the events and the health check.
            services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(_ => ConnectRedis(redis));
            services.AddSingleton<IUserBroadcaster>(sp => new RedisUserBroadcaster(
                sp.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>(), sp.GetRequiredService<InMemoryUserBroadcaster>(), sp.GetRequiredService<ILogger<RedisUserBroadcaster>>()));
        }
        services.AddSingleton<TaskService>();
        services.AddSingleton<ThreadService>();
        services.AddSingleton<MessageStore>();
        services.AddSingleton<UserTimeZones>();
        services.AddSingleton<SignInSessions>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<AppApprovals>();
        return services;
    }

    /// <summary>The assistant: the provider chosen by the "Assistant" section, the run loop, and its start/stop duties.</summary>
    public static IServiceCollection AddTaskChatAssistant(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AssistantOptions>().Bind(configuration.GetSection(AssistantOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => AssistantProviders.Create(
            sp.GetRequiredService<IOptions<AssistantOptions>>().Value, configuration["GEMINI_API_KEY"], sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ChatRunner>();
        services.AddHostedService<AssistantLifetime>();
        return services;
    }

    // Connecting at start-up makes a wrong setting an error the operator sees now, not lost events later.
    private static StackExchange.Redis.IConnectionMultiplexer ConnectRedis(string configuration)
    {
        try
        {
            return StackExchange.Redis.ConnectionMultiplexer.Connect(configuration);
        }
        catch (StackExchange.Redis.RedisConnectionException e)
        {
            throw new InvalidOperationException($"Sync:Redis is set but Redis could not be reached: {e.Message}", e);
        }
    }

    /// <summary>Brings the database schema up to date; run once at start-up.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsNpgsql()) await PostgresLocale.EnsureUnicodeFoldingAsync(db, ct);
    }
}
