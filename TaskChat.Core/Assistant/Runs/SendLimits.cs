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
    /// <param name="today">When the user's earlier answers of the last day started, oldest first.</param>
    public static Task CheckAsync(IReadOnlyList<DateTime> today, DateTime nowUtc, AssistantOptions options)
    {
        if (today.Count >= options.SendsPerDay)
        {
            var wait = today[^options.SendsPerDay].AddDays(1) - nowUtc;
            throw new SendLimitException($"You have reached the limit of {options.SendsPerDay} messages a day. Try again in {Describe(wait)}.", wait);
        }
        var lastMinute = today.Where(t => t > nowUtc.AddMinutes(-1)).ToList();
        if (lastMinute.Count >= options.SendsPerMinute)
        {
            var wait = lastMinute[^options.SendsPerMinute].AddMinutes(1) - nowUtc;
            throw new SendLimitException($"You can send {options.SendsPerMinute} messages a minute. Try again in {Describe(wait)}.", wait);
        }
        return Task.CompletedTask;
    }

    private static string Describe(TimeSpan wait) =>
        wait.TotalSeconds < 90 ? $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds"
        : wait.TotalMinutes < 90 ? $"{(int)Math.Ceiling(wait.TotalMinutes)} minutes"
        : $"{(int)Math.Ceiling(wait.TotalHours)} hours";
}
