namespace TaskChat.Core.Chat;

public sealed record ThreadSummary(int Id, string Title, DateTime CreatedUtc, DateTime UpdatedUtc);

public sealed record ToolCallView(
    long Id, string CallId, string Name, string ArgumentsJson, string? ResultJson,
    ToolCallStatus Status, int Round, int TextOffset)
{
    internal static ToolCallView From(ToolCallEntity c) =>
        new(c.Id, c.CallId, c.Name, c.ArgumentsJson, c.ResultJson, c.Status, c.Round, c.TextOffset);
}

public sealed record ChatMessageView(
    long Id, int ThreadId, ChatRole Role, string Text, MessageStatus Status, string? Error,
    string? Provider, string? Model, int? InputTokens, int? OutputTokens,
    DateTime CreatedUtc, IReadOnlyList<ToolCallView> ToolCalls)
{
    internal static ChatMessageView From(ChatMessageEntity m) => new(
        m.Id, m.ThreadId, m.Role, m.Text, m.Status, m.Error, m.Provider, m.Model, m.InputTokens, m.OutputTokens,
        m.CreatedUtc, m.ToolCalls.OrderBy(c => c.Id).Select(ToolCallView.From).ToArray());
}

/// <summary>A window of a thread, oldest first; <see cref="HasEarlier"/> says whether to offer "load earlier".</summary>
public sealed record MessagePage(IReadOnlyList<ChatMessageView> Messages, bool HasEarlier);
