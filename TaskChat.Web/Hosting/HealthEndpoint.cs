using TaskChat.Core.Assistant.Runs;
using TaskChat.Core.Sync;

namespace TaskChat.Web.Hosting;

internal static class HealthEndpoint
{
    /// <summary>
    /// GET /health: is the app up, and how many live subscriptions (tabs) does it hold. Totals only,
    /// no user ids, so it can be left open to a load balancer or a monitor.
    /// </summary>
    public static void MapHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/health", (IUserBroadcaster broadcaster, ChatRunner runner) =>
        {
            var counts = broadcaster.Counts();
            return Results.Json(new
            {
                status = "ok",
                assistant = runner.Provider.DisplayName,
                subscriptions = new { users = counts.Users, tabs = counts.Subscribers },
            });
        }).AllowAnonymous();
}
