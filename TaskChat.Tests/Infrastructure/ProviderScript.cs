namespace TaskChat.Tests.Infrastructure;

/// <summary>The remote protocols TaskChat speaks; contract tests run the same conversations over each.</summary>
public enum RemoteProtocol
{
    OpenAICompatible,
    Gemini,
}

/// <summary>
/// Scripts one conversation in a protocol's own wire format, so a test can say "answer with this text",
/// "call these tools" or "fail like this" once and have it played by either provider's scripted server.
/// </summary>
public abstract class ProviderScript : IAsyncDisposable
{
    public static async Task<ProviderScript> StartAsync(RemoteProtocol protocol) => protocol switch
    {
        RemoteProtocol.OpenAICompatible => new OpenAIScript(await ScriptedOpenAIServer.StartAsync()),
        RemoteProtocol.Gemini => new GeminiScript(await ScriptedGeminiServer.StartAsync()),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };

    public abstract IReadOnlyList<RecordedRequest> Requests { get; }

    /// <summary>The assistant as the app runs it, with this provider selected.</summary>
    public abstract Task<AssistantHarness> HarnessAsync(params (string Key, string Value)[] settings);

    /// <summary>A complete text answer, streamed in the given pieces.</summary>
    public abstract void Answer(params string[] pieces);

    /// <summary>One model response asking for these calls, in order.</summary>
    public abstract void ToolCalls(params (string Name, string ArgumentsJson)[] calls);

    /// <summary>A 429 whose retry information says to try again at once.</summary>
    public abstract void RateLimited();

    public abstract void ServerError();

    /// <summary>The given pieces, then the connection drops before the answer is finished.</summary>
    public abstract void CutStream(params string[] pieces);

    public abstract ValueTask DisposeAsync();
}
