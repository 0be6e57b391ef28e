namespace TaskChat.Tests.Infrastructure;

/// <summary>What <see cref="ScriptedOpenAIServer"/> answers to one request.</summary>
public abstract record ScriptedReply;

/// <summary>A <c>text/event-stream</c> answer: each chunk is one <c>data:</c> payload.</summary>
public sealed record StreamReply(IReadOnlyList<SseChunk> Chunks, StreamEnding Ending) : ScriptedReply;

/// <summary>A non-success status with its body (usually an error JSON) and headers such as Retry-After.</summary>
public sealed record ErrorReply(int Status, string Body, IReadOnlyDictionary<string, string> Headers) : ScriptedReply;

/// <summary>One SSE payload, sent after <paramref name="Delay"/>.</summary>
public sealed record SseChunk(string Data, TimeSpan Delay = default)
{
    public static implicit operator SseChunk(string data) => new(data);
}

public enum StreamEnding
{
    /// <summary>Sends <c>data: [DONE]</c>, then ends the response: what a well-behaved provider does.</summary>
    Done,
    /// <summary>Ends the response cleanly without <c>[DONE]</c>.</summary>
    Close,
    /// <summary>Resets the connection mid-body: a proxy or provider dropping the stream.</summary>
    Abort,
}
