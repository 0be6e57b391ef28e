using static TaskChat.Tests.Infrastructure.GeminiChunks;

namespace TaskChat.Tests.Infrastructure;

/// <summary>Conversations in Gemini's streamGenerateContent wire format.</summary>
public sealed class GeminiScript(ScriptedGeminiServer server) : ProviderScript
{
    public override IReadOnlyList<RecordedRequest> Requests => server.Requests;

    public override Task<AssistantHarness> HarnessAsync(params (string Key, string Value)[] settings) =>
        AssistantHarness.GeminiAsync(server, settings);

    public override void Answer(params string[] pieces) =>
        server.EnqueueStream([.. pieces.Select(p => (SseChunk)Text(p)), Finish()]);

    // Gemini sends a response's calls together, as parts of one event, without ids.
    public override void ToolCalls(params (string Name, string ArgumentsJson)[] calls) =>
        server.EnqueueStream(Parts([.. calls.Select(c => CallPart(c.Name, c.ArgumentsJson))]), Finish());

    public override void RateLimited() =>
        server.EnqueueError(429, Error(429, "RESOURCE_EXHAUSTED", "Quota exceeded.", RetryInfo("0s")));

    public override void ServerError() => server.EnqueueError(500, Error(500, "INTERNAL", "An internal error has occurred."));

    public override void CutStream(params string[] pieces) =>
        server.EnqueueStream(StreamEnding.Abort, [.. pieces.Select(p => (SseChunk)Text(p))]);

    public override ValueTask DisposeAsync() => server.DisposeAsync();
}
