using static TaskChat.Tests.Infrastructure.OpenAIChunks;

namespace TaskChat.Tests.Infrastructure;

/// <summary>Conversations in the OpenAI chat-completions wire format.</summary>
public sealed class OpenAIScript(ScriptedOpenAIServer server) : ProviderScript
{
    public override IReadOnlyList<RecordedRequest> Requests => server.Requests;

    public override Task<AssistantHarness> HarnessAsync(params (string Key, string Value)[] settings) =>
        AssistantHarness.ScriptedAsync(server, settings);

    public override void Answer(params string[] pieces) =>
        server.EnqueueStream([Role(), .. pieces.Select(p => (SseChunk)Text(p)), Finish("stop"), Usage(120, 30)]);

    public override void ToolCalls(params (string Name, string ArgumentsJson)[] calls) =>
        server.EnqueueStream([Role(), .. calls.Select((c, i) => (SseChunk)ToolCall(i, $"call_{i}", c.Name, c.ArgumentsJson)), Finish("tool_calls")]);

    public override void RateLimited() =>
        server.EnqueueError(429, Error("Rate limit reached.", "rate_limit_exceeded"), new Dictionary<string, string> { ["Retry-After"] = "0" });

    public override void ServerError() => server.EnqueueError(500, Error("The server had an error.", "server_error"));

    public override void CutStream(params string[] pieces) =>
        server.EnqueueStream(StreamEnding.Abort, [Role(), .. pieces.Select(p => (SseChunk)Text(p))]);

    public override ValueTask DisposeAsync() => server.DisposeAsync();
}
