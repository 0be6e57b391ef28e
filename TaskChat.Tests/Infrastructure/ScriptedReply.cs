namespace TaskChat.Tests.Infrastructure;

/// <summary>What a <see cref="ScriptedServer"/> answers to one request.</summary>
public abstract record ScriptedReply;

/// <summary>A <c>text/event-stream</c> answer: each chunk is one <c>data:</c> payload.</summary>
public sealed record StreamReply(IReadOnlyList<SseChunk> Chunks, StreamEnding Ending) : ScriptedReply;

/// <summary>A 200 with a whole JSON body: a non-streamed answer.</summary>
public sealed record JsonReply(string Body) : ScriptedReply;

/// <summary>A non-success status with its body (usually an error JSON) and headers such as Retry-After.</summary>
public sealed record ErrorReply(int Status, string Body, IReadOnlyDictionary<string, string> Headers) : ScriptedReply;

/// <summary>
/// One SSE payload, sent after <paramref name="Delay"/> and, when given, once <paramref name="After"/>
/// has completed: a test can hold a stream mid-answer until it has seen what it waits for.
/// </summary>
public sealed record SseChunk(string Data, TimeSpan Delay = default, Task? After = null)
{
    public static implicit operator SseChunk(string data) => new(data);
}

public enum StreamEnding
{
    /// <summary>Ends the response as a well-behaved provider does (OpenAI sends <c>data: [DONE]</c> first).</summary>
    Done,
    /// <summary>Ends the response cleanly without <c>[DONE]</c>.</summary>
    Close,
    /// <summary>Resets the connection mid-body: a proxy or provider dropping the stream.</summary>
    Abort,
}
