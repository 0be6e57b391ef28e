using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace TaskChat.Core.Sync;

/// <summary>
/// Redis as a health check, over the app's own connection (the one the events use): with Redis
/// down, tabs on other instances stop seeing this one's changes, which a load balancer or a
/// monitor should hear about.
/// </summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public const string Name = "redis";

    // A lost connection is reported at once; a slow one within this, not after the client's own 5 s.
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected) return HealthCheckResult.Unhealthy("Not connected.");
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(PingTimeout, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("No answer.");
        }
    }
}

public static class RedisHealthChecks
{
    /// <summary>Only when Sync:Redis is set: it needs the connection <see cref="DependencyInjection.AddTaskChatCore"/> registers then.</summary>
    public static IHealthChecksBuilder AddTaskChatRedis(this IHealthChecksBuilder checks) =>
        checks.Add(new HealthCheckRegistration(RedisHealthCheck.Name,
            sp => new RedisHealthCheck(sp.GetRequiredService<IConnectionMultiplexer>()), failureStatus: null, tags: null));
}
