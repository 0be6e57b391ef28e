namespace TaskChat.Core.Chat;

/// <summary>
/// No thread or message with this id belongs to the caller; raised the same way for ids that do
/// not exist and for other users' ids.
/// </summary>
public sealed class ChatNotFoundException(string what) : Exception($"That {what} was not found; it may have been deleted.");

/// <summary>The input broke a rule (empty or over-long text); nothing was changed.</summary>
public sealed class ChatValidationException(string message) : Exception(message);
