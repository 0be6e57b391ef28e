namespace TaskChat.Core.Chat;

public enum ChatRole
{
    User,
    Assistant,
    Tool,
}

public enum MessageStatus
{
    Streaming,
    Complete,
    Stopped,
    Failed,
    Interrupted,
}

public enum ToolCallStatus
{
    Running,
    AwaitingApproval,
    Succeeded,
    Failed,
    Declined,
}

public static class ChatEnumText
{
    /// <summary>The lower-case names used in data-status / data-role hooks and in the API.</summary>
    public static string Hook(this MessageStatus status) => status.ToString().ToLowerInvariant();

    public static string Hook(this ChatRole role) => role.ToString().ToLowerInvariant();
}
