namespace TaskChat.Core.Chat;

/// <summary>
/// One answer started by a user (send, retry, regenerate): what send limits count. A table of its
/// own because answers themselves are deleted by regenerate, which must not reset the count.
/// </summary>
public sealed class AnswerStart
{
    public long Id { get; set; }
    public required string OwnerId { get; set; }
    public DateTime StartedUtc { get; set; }
}
