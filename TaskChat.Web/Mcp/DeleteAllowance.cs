using Microsoft.Extensions.Options;

namespace TaskChat.Web.Mcp;

/// <summary>
/// Deletions each token made in the last minute: past the allowance, every further one needs the
/// user's confirmation, so a misled model cannot empty the list one task at a time. Counted per token
/// (all its sessions together, so opening a new session starts nothing afresh), in this instance's
/// memory: a connected app's session stays on one instance.
/// </summary>
internal sealed class DeleteAllowance(IOptions<McpOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<int, Queue<DateTimeOffset>> recent = [];

    public bool Exhausted(int tokenId)
    {
        lock (recent) return Recent(tokenId)?.Count >= options.Value.UnconfirmedDeletesPerMinute;
    }

    public void Record(int tokenId)
    {
        lock (recent)
        {
            if (Recent(tokenId) is not { } times) recent[tokenId] = times = new Queue<DateTimeOffset>();
            times.Enqueue(clock.GetUtcNow());
        }
    }

    private Queue<DateTimeOffset>? Recent(int tokenId)
    {
        if (!recent.TryGetValue(tokenId, out var times)) return null;
        var since = clock.GetUtcNow() - Window;
        while (times.Count > 0 && times.Peek() <= since) times.Dequeue();
        if (times.Count > 0) return times;
        recent.Remove(tokenId);
        return null;
    }
}
