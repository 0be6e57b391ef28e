namespace TaskChat.Core.Chat;

public static class MessageRules
{
    /// <summary>A message as sent: line endings normalised, trimmed, within the length limit.</summary>
    public static string Text(string? value, int maxLength)
    {
        var text = (value ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Trim();
        if (text.Length == 0) throw new ChatValidationException("Type a message first.");
        if (text.Length > maxLength)
            throw new ChatValidationException($"Messages can be at most {maxLength:N0} characters (this one has {text.Length:N0}).");
        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
            throw new ChatValidationException("Messages cannot contain control characters.");
        return text;
    }
}
