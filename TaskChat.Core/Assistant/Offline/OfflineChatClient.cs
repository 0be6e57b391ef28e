using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace TaskChat.Core.Assistant.Offline;

/// <summary>
/// An assistant that needs no model, no network and no API key: it reads the user's last message
/// with fixed English patterns and drives the same task tools a model would. It keeps no state: each
/// call decides from the conversation alone, so a run can resume in any tab or after a restart.
/// Date phrases pass through as the <c>due</c> text; the tools resolve them in the user's zone.
/// </summary>
public sealed partial class OfflineChatClient(TimeProvider clock, TimeSpan chunkDelay) : IChatClient
{
    public const string ProviderName = "offline";
    public const string ModelId = "taskchat-offline";

    private const int WordsPerChunk = 3;
    private static readonly ChatClientMetadata Metadata = new(ProviderName, defaultModelId: ModelId);

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var turn = OfflineTurn.Read(messages);
        var intent = OfflineIntentParser.Parse(turn.UserText, clock.GetUtcNow().UtcDateTime);
        var step = OfflinePlanner.Next(intent, turn.Rounds);
        var responseId = Guid.NewGuid().ToString("N");

        if (step is OfflineStep.CallTools tools)
        {
            var calls = tools.Calls
                .Select((call, i) => (AIContent)new FunctionCallContent(
                    $"offline-{turn.CallsSoFar + i + 1}", call.Name, new Dictionary<string, object?>(call.Arguments)))
                .ToList();
            yield return Update(responseId, calls, ChatFinishReason.ToolCalls);
            yield break;
        }

        var chunks = Chunks(((OfflineStep.Answer)step).Markdown);
        for (var i = 0; i < chunks.Count; i++)
        {
            if (i > 0) await Task.Delay(chunkDelay, clock, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            yield return Update(responseId, [new TextContent(chunks[i])], i == chunks.Count - 1 ? ChatFinishReason.Stop : null);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? Metadata : null;

    public void Dispose()
    {
        // Holds no connections or buffers: nothing to release.
    }

    private ChatResponseUpdate Update(string responseId, IList<AIContent> contents, ChatFinishReason? finish) =>
        new(ChatRole.Assistant, contents)
        {
            ResponseId = responseId,
            MessageId = responseId,
            ModelId = ModelId,
            CreatedAt = clock.GetUtcNow(),
            FinishReason = finish,
        };

    // A few words at a time, each with the whitespace after it, so the chunks join back exactly.
    private static List<string> Chunks(string text) =>
        Word().Matches(text)
            .Select((m, i) => (m.Value, Group: i / WordsPerChunk))
            .GroupBy(w => w.Group, w => w.Value)
            .Select(g => string.Concat(g))
            .DefaultIfEmpty("")
            .ToList();

    [GeneratedRegex(@"\s*\S+\s*")]
    private static partial Regex Word();
}
