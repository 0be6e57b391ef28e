namespace TaskChat.Core.Assistant.Runs;

/// <summary>Too many sends; says when the next one will be accepted.</summary>
public sealed class SendLimitException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// Per-user limits on answers started (sends, retries, regenerations), counted from the database so
/// they hold across restarts and server instances.
/// </summary>
internal static class SendLimits
{
    /// <param name="recent">When the user's earlier answers started, oldest first: at least those of the last day.</param>
    public static Task CheckAsync(IReadOnlyList<DateTime> recent, DateTime nowUtc, AssistantOptions options)
    {
        // Both windows end now and leave out their first instant: a send made exactly a day (or a
        // minute) ago has stopped counting at the very moment the wait it caused says it would.
        var lastDay = recent.Where(t => t > nowUtc.AddDays(-1)).ToList();
        if (lastDay.Count >= options.SendsPerDay)
        {
            var wait = lastDay[^options.SendsPerDay].AddDays(1) - nowUtc;
            throw new SendLimitException($"You have reached the limit of {Count(options.SendsPerDay, "message")} a day. Try again in {Describe(wait)}.", wait);
        }
        var lastMinute = lastDay.Where(t => t > nowUtc.AddMinutes(-1)).ToList();
        if (lastMinute.Count >= options.SendsPerMinute)
        {
            var wait = lastMinute[^options.SendsPerMinute].AddMinutes(1) - nowUtc;
            throw new SendLimitException($"You can send {Count(options.SendsPerMinute, "message")} a minute. Try again in {Describe(wait)}.", wait);
        }
        return Task.CompletedTask;
    }

    private static string Describe(TimeSpan wait) =>
        wait.TotalSeconds < 90 ? Count(Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)), "second")
        : wait.TotalMinutes < 90 ? Count((int)Math.Ceiling(wait.TotalMinutes), "minute")
        : Count((int)Math.Ceiling(wait.TotalHours), "hour");

    private static string Count(int n, string unit) => $"{n} {unit}{(n == 1 ? "" : "s")}";
}
