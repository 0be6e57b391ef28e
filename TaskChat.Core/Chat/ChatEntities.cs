namespace TaskChat.Core.Chat;

/// <summary>A conversation. Only <see cref="ThreadService"/> and the run loop change these.</summary>
public sealed class ChatThreadEntity
{
    public int Id { get; set; }
    public required string OwnerId { get; set; }
    public required string Title { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

/// <summary>
/// One message. An assistant message is one whole answer (one run): its text, and the tool calls it
/// made along the way, each placed in the text by <see cref="ToolCallEntity.TextOffset"/>.
/// </summary>
public sealed class ChatMessageEntity
{
    public long Id { get; set; }
    public int ThreadId { get; set; }
    /// <summary>Denormalised from the thread so per-user limits and checks need no join.</summary>
    public required string OwnerId { get; set; }
    public ChatRole Role { get; set; }
    public string Text { get; set; } = "";
    public MessageStatus Status { get; set; }
    /// <summary>Why a message failed or was interrupted, in words for the user.</summary>
    public string? Error { get; set; }
    public string? Provider { get; set; }
    public string? Model { get; set; }
    public int? InputTokens { get; set; }
    public int? OutputTokens { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public List<ToolCallEntity> ToolCalls { get; set; } = [];
}

public sealed class ToolCallEntity
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    /// <summary>The provider's id for the call, echoed back with its result.</summary>
    public required string CallId { get; set; }
    public required string Name { get; set; }
    public string ArgumentsJson { get; set; } = "{}";
    public string? ResultJson { get; set; }
    public ToolCallStatus Status { get; set; }
    /// <summary>Which model round (1-based) asked for it: the history sent back is rebuilt per round.</summary>
    public int Round { get; set; }
    /// <summary>Where in the message text the call happened, so cards sit between the right paragraphs.</summary>
    public int TextOffset { get; set; }
    public DateTime CreatedUtc { get; set; }
}
