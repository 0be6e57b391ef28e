namespace TaskChat.Core.Connections;

/// <summary>
/// A connected app's call that needs the user's confirmation (a bulk tool, or a deletion past the
/// per-minute allowance) from a client that cannot ask itself. It waits on every open tab of the
/// user; once approved, the same call with the same arguments from the same token runs once.
/// </summary>
public sealed class AppApprovalEntity
{
    public long Id { get; set; }
    public required string OwnerId { get; set; }
    public int TokenId { get; set; }
    /// <summary>The token's name when asked, shown on the card.</summary>
    public required string AppName { get; set; }
    public required string ToolName { get; set; }
    /// <summary>The call's arguments as sent, compared when the app calls again.</summary>
    public required string ArgumentsJson { get; set; }
    /// <summary>What will happen, in words: "Delete all 12 of your tasks".</summary>
    public required string Summary { get; set; }
    public AppApprovalStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ExpiresUtc { get; set; }
}

public enum AppApprovalStatus
{
    Pending = 0,
    Approved = 1,
    Declined = 2,
    /// <summary>Approved, and the call it allowed has run: it allows nothing more.</summary>
    Used = 3,
}

/// <summary>A request as its card shows it.</summary>
public sealed record AppApprovalView(long Id, string AppName, string ToolName, string Summary, DateTime CreatedUtc, DateTime ExpiresUtc)
{
    internal static AppApprovalView From(AppApprovalEntity e) => new(e.Id, e.AppName, e.ToolName, e.Summary, e.CreatedUtc, e.ExpiresUtc);
}

/// <summary>Where a call that needs confirmation stands.</summary>
public enum AppApprovalState
{
    /// <summary>The user approved this call: it may run now (the approval is used up).</summary>
    Approved,
    /// <summary>A request was made just now and waits on the user's tabs.</summary>
    Requested,
    /// <summary>The same request is still waiting.</summary>
    StillWaiting,
    /// <summary>The user declined it (the decline is used up: calling again asks again).</summary>
    Declined,
}
