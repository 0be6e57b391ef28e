namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// A Gemini-protocol provider answering <c>POST /v1beta/models/{model}:streamGenerateContent?alt=sse</c>
/// and <c>:generateContent</c>. Gemini's streams have no end marker: a complete one simply ends, so
/// <see cref="StreamEnding.Done"/> and <see cref="StreamEnding.Close"/> are the same here.
/// </summary>
public sealed class ScriptedGeminiServer : ScriptedServer
{
    public const string Model = "gemini-2.5-flash";

    private ScriptedGeminiServer() { }

    /// <summary>Starts the server; <see cref="ScriptedServer.Endpoint"/> is <c>http://127.0.0.1:PORT/v1beta</c>, as Assistant:Endpoint takes it.</summary>
    public static Task<ScriptedGeminiServer> StartAsync() => StartAsync(new ScriptedGeminiServer(), "/v1beta/models/{**call}", "/v1beta");

    /// <summary>A whole GenerateContentResponse, as <c>:generateContent</c> answers.</summary>
    public void EnqueueJson(string body) => Enqueue(new JsonReply(body));

    protected override string? DoneEvent => null;

    protected override string LineEnd => "\r\n";

    protected override string NoReplyBody(int requestNumber) =>
        GeminiChunks.Error(400, "INVALID_ARGUMENT", $"ScriptedGeminiServer has no reply scripted for request {requestNumber}.");
}
