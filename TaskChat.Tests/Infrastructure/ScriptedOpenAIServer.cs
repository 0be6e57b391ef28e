namespace TaskChat.Tests.Infrastructure;

/// <summary>An OpenAI-compatible provider answering <c>POST /v1/chat/completions</c>; streams end with <c>data: [DONE]</c>.</summary>
public sealed class ScriptedOpenAIServer : ScriptedServer
{
    private ScriptedOpenAIServer() { }

    /// <summary>Starts the server; <see cref="ScriptedServer.Endpoint"/> is <c>http://127.0.0.1:PORT/v1/</c>.</summary>
    public static Task<ScriptedOpenAIServer> StartAsync() => StartAsync(new ScriptedOpenAIServer(), "/v1/chat/completions", "/v1/");

    protected override string DoneEvent => "[DONE]";

    protected override string NoReplyBody(int requestNumber) =>
        OpenAIChunks.Error($"ScriptedOpenAIServer has no reply scripted for request {requestNumber}.");
}
