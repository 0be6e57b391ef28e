using System.Text.Json;
using Microsoft.Extensions.AI;

namespace TaskChat.Core.Assistant.Offline;

/// <summary>One tool call made since the user's last message, with what it answered.</summary>
internal sealed record ToolExchange(string Name, JsonElement Result);

/// <summary>
/// The part of a conversation the offline assistant decides from: the user's last message and the
/// tool calls made since, grouped by the assistant message that asked for them.
/// </summary>
internal sealed record OfflineTurn(string UserText, IReadOnlyList<IReadOnlyList<ToolExchange>> Rounds, int CallsSoFar)
{
    public static OfflineTurn Read(IEnumerable<ChatMessage> messages)
    {
        var all = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var lastUser = -1;
        for (var i = all.Count - 1; i >= 0 && lastUser < 0; i--)
            if (all[i].Role == ChatRole.User) lastUser = i;
        var since = all.Skip(lastUser + 1).ToList();

        var results = new Dictionary<string, object?>();
        foreach (var result in since.SelectMany(m => m.Contents).OfType<FunctionResultContent>())
            results[result.CallId] = result.Result;

        var rounds = since
            .Select(m => m.Contents.OfType<FunctionCallContent>().ToList())
            .Where(calls => calls.Count > 0)
            .Select(calls => (IReadOnlyList<ToolExchange>)calls
                .Select(c => new ToolExchange(c.Name, results.TryGetValue(c.CallId, out var r)
                    ? ToolResultJson.Read(r)
                    : ToolResultJson.Error("The tool did not answer.")))
                .ToList())
            .ToList();

        // Call ids count across the whole conversation so they stay unique in the stored history.
        var callsSoFar = all.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Count();
        return new OfflineTurn(lastUser >= 0 ? all[lastUser].Text : "", rounds, callsSoFar);
    }
}
