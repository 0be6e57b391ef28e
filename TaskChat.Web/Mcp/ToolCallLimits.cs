using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TaskChat.Web.Mcp;

/// <summary>
/// Tool calls per token per minute (<see cref="McpOptions.ToolCallsPerMinute"/>), on this instance.
/// Refused, not queued: the app is told how long to wait, in words its model can act on.
/// </summary>
internal sealed class ToolCallLimits(IOptions<McpOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<int> limiter = PartitionedRateLimiter.Create<int, int>(tokenId =>
        RateLimitPartition.GetFixedWindowLimiter(tokenId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.ToolCallsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <returns>Null when the call may go ahead, or why not.</returns>
    public string? Refusal(int tokenId)
    {
        using var lease = limiter.AttemptAcquire(tokenId);
        if (lease.IsAcquired) return null;
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        return $"Too many tool calls with this token: at most {options.Value.ToolCallsPerMinute} a minute. Nothing was done; try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds.";
    }

    public void Dispose() => limiter.Dispose();
}
