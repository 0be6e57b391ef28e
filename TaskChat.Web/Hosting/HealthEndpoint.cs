using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskChat.Core.Assistant.Runs;
using TaskChat.Core.Data;
using TaskChat.Core.Sync;

namespace TaskChat.Web.Hosting;

internal static class HealthEndpoint
{
    /// <param name="redis">Sync:Redis is set: Redis is checked too.</param>
    public static void AddHealth(this IServiceCollection services, bool redis)
    {
        var checks = services.AddHealthChecks().AddTaskChatDatabase();
        if (redis) checks.AddTaskChatRedis();
    }

    /// <summary>
    /// GET /health: is the app up, its database readable and, with Sync:Redis, Redis answering
    /// (else 503), and how many live
    /// subscriptions (tabs) does it hold. Totals only, no user ids and no error details, so it can
    /// be left open to a load balancer or a monitor.
    /// </summary>
    public static void MapHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var counts = context.RequestServices.GetRequiredService<IUserBroadcaster>().Counts();
        var runner = context.RequestServices.GetRequiredService<ChatRunner>();
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status == HealthStatus.Healthy ? "ok" : Lower(report.Status),
            checks = report.Entries.ToDictionary(e => e.Key, e => Lower(e.Value.Status)),
            assistant = runner.Provider.DisplayName,
            subscriptions = new { users = counts.Users, tabs = counts.Subscribers },
        }, JsonSerializerOptions.Web, context.RequestAborted);
    }

    private static string Lower(HealthStatus status) => status.ToString().ToLowerInvariant();
}
