namespace TaskChat.Web.Hosting;

internal static class RefuseWhileStopping
{
    /// <summary>
    /// Once shutdown has begun, answers 503 instead of serving. SignalR closes every circuit's
    /// connection when the app starts stopping and the tabs reconnect at once; a connection opened
    /// then is one nothing closes, and the server would wait its whole shutdown timeout (30 s) for
    /// it. Refused, the tabs keep retrying until the next instance is up, which sends them back
    /// where they were.
    /// </summary>
    public static void UseRefuseWhileStopping(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use((context, next) =>
        {
            if (!stopping.IsCancellationRequested) return next(context);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.Connection = "close";
            context.Response.Headers.RetryAfter = "2";
            return Task.CompletedTask;
        });
    }
}
