using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using TaskChat.Core.Assistant.Offline;

namespace TaskChat.Tests.Assistant;

/// <summary>Runs the real offline client the way the function-calling loop does, with scripted tools.</summary>
internal static class OfflineHarness
{
    // Wednesday 11 March 2026, 15:30 UTC (15:30 in London).
    public static readonly DateTime Now = new(2026, 3, 11, 15, 30, 0, DateTimeKind.Utc);

    public static OfflineChatClient Client(TimeSpan? chunkDelay = null) =>
        new(new FakeTimeProvider(new DateTimeOffset(Now)), chunkDelay ?? TimeSpan.Zero);

    public static async Task<List<ChatResponseUpdate>> StreamAsync(IChatClient client, IEnumerable<ChatMessage> messages, CancellationToken ct = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages, null, ct)) updates.Add(update);
        return updates;
    }

    public static List<FunctionCallContent> Calls(IEnumerable<ChatResponseUpdate> updates) =>
        updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();

    public static string Text(IEnumerable<ChatResponseUpdate> updates) => string.Concat(updates.Select(u => u.Text));

    /// <summary>A minimal function-calling loop: feeds the scripted tools' answers back until the assistant answers in text.</summary>
    public static async Task<(List<FunctionCallContent> Calls, string Answer)> RunAsync(
        string userText, Func<FunctionCallContent, object?> tools, List<ChatMessage>? history = null)
    {
        var client = Client();
        var messages = history ?? [];
        messages.Add(new ChatMessage(ChatRole.User, userText));
        var made = new List<FunctionCallContent>();
        for (var round = 0; round < 4; round++)
        {
            var updates = await StreamAsync(client, messages);
            var calls = Calls(updates);
            if (calls.Count == 0) return (made, Text(updates));
            made.AddRange(calls);
            messages.Add(new ChatMessage(ChatRole.Assistant, [.. calls]));
            messages.Add(new ChatMessage(ChatRole.Tool, [.. calls.Select(c => new FunctionResultContent(c.CallId, tools(c)))]));
        }
        throw new InvalidOperationException("The offline assistant kept calling tools.");
    }

    /// <summary>"complete_task(completed=true; task_id=12)", arguments sorted by name.</summary>
    public static string Describe(FunctionCallContent call) =>
        $"{call.Name}({string.Join("; ", (call.Arguments ?? new Dictionary<string, object?>()).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={Format(a.Value)}"))})";

    private static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => s,
        IEnumerable<string> list => "[" + string.Join(",", list) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A task object as the tools return it.</summary>
    public static object Task(int id, string title, string? dueText = null, string priority = "medium",
        bool completed = false, bool overdue = false, string[]? tags = null) => new Dictionary<string, object?>
    {
        ["id"] = id, ["title"] = title, ["description"] = "", ["priority"] = priority,
        ["due"] = dueText is null ? null : "2026-03-12T23:59:00Z", ["due_text"] = dueText,
        ["tags"] = tags ?? [], ["completed"] = completed, ["overdue"] = overdue,
    };

    public static string Json(object value) => JsonSerializer.Serialize(value);
}
