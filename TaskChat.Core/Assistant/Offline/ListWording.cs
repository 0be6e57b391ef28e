namespace TaskChat.Core.Assistant.Offline;

/// <summary>
/// A list request in words, already markdown: adjectives go before "tasks" ("overdue", "high
/// priority"), qualifiers after it ("due this week", "tagged **work**").
/// </summary>
internal sealed record ListWording(IReadOnlyList<string> Adjectives, IReadOnlyList<string> Qualifiers)
{
    public static readonly ListWording Everything = new([], []);
}
