using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// A real OpenAI-compatible HTTP server on 127.0.0.1 that answers <c>POST /v1/chat/completions</c> with
/// scripted replies, one per request, in order. Real sockets, so the SDK's own HTTP stack, SSE parsing
/// and error handling are what get tested, and a whole app can be pointed at <see cref="Endpoint"/>.
/// </summary>
public sealed class ScriptedOpenAIServer : IAsyncDisposable
{
    private static readonly TimeSpan AbortGrace = TimeSpan.FromMilliseconds(100);

    private readonly WebApplication app;
    private readonly Queue<ScriptedReply> replies = new();
    private readonly List<RecordedRequest> requests = [];
    // Ends replies still waiting on a scripted delay, so disposal never waits for them.
    private readonly CancellationTokenSource stopping = new();

    private ScriptedOpenAIServer(WebApplication app)
    {
        this.app = app;
        app.MapPost("/v1/chat/completions", HandleAsync);
    }

    /// <summary>The base address to give an OpenAI client, e.g. <c>http://127.0.0.1:PORT/v1/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Every streamed event with the moment it was flushed to the client: benchmarks time against it.</summary>
    public IReadOnlyList<(string Data, DateTime SentUtc)> Sent { get { lock (sent) return sent.ToArray(); } }

    private readonly List<(string Data, DateTime SentUtc)> sent = [];

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (requests) return [.. requests]; }
    }

    public static async Task<ScriptedOpenAIServer> StartAsync()
    {
        // The empty builder reads no appsettings and logs nothing: the test's own environment never
        // leaks into the server.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var server = new ScriptedOpenAIServer(builder.Build());
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/v1/");
        return server;
    }

    /// <summary>A stream of the given payloads followed by <c>data: [DONE]</c>.</summary>
    public void EnqueueStream(params SseChunk[] chunks) => Enqueue(new StreamReply(chunks, StreamEnding.Done));

    public void EnqueueStream(StreamEnding ending, params SseChunk[] chunks) => Enqueue(new StreamReply(chunks, ending));

    public void EnqueueError(int status, string body, IReadOnlyDictionary<string, string>? headers = null) =>
        Enqueue(new ErrorReply(status, body, headers ?? new Dictionary<string, string>()));

    public void Enqueue(ScriptedReply reply)
    {
        lock (requests) replies.Enqueue(reply);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.Body))
                body = await reader.ReadToEndAsync(cancel.Token);

            ScriptedReply? reply;
            int number;
            lock (requests)
            {
                requests.Add(new RecordedRequest(body, context.Request.Headers.Authorization.ToString()));
                number = requests.Count;
                replies.TryDequeue(out reply);
            }

            switch (reply)
            {
                case StreamReply stream:
                    await StreamAsync(context, stream, cancel.Token);
                    break;
                case ErrorReply error:
                    await WriteErrorAsync(context.Response, error, cancel.Token);
                    break;
                default:
                    // A 400 is never retried, so a test that under-scripts fails on this message at once.
                    await WriteErrorAsync(context.Response, new ErrorReply(400,
                        OpenAIChunks.Error($"ScriptedOpenAIServer has no reply scripted for request {number}."),
                        new Dictionary<string, string>()), cancel.Token);
                    break;
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client went away (or the server is stopping) mid-reply: nothing left to send.
        }
    }

    private async Task StreamAsync(HttpContext context, StreamReply reply, CancellationToken cancel)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(cancel);
        foreach (var chunk in reply.Chunks)
        {
            if (chunk.Delay > TimeSpan.Zero) await Task.Delay(chunk.Delay, cancel);
            await WriteEventAsync(response, chunk.Data, cancel);
            lock (sent) sent.Add((chunk.Data, DateTime.UtcNow));
        }
        switch (reply.Ending)
        {
            case StreamEnding.Done:
                await WriteEventAsync(response, "[DONE]", cancel);
                break;
            case StreamEnding.Abort:
                // Kestrel's abort discards output not yet handed to the socket, flushed or not: without
                // this pause the client can lose the chunks before the cut, even the response headers.
                await Task.Delay(AbortGrace, cancel);
                context.Abort();
                break;
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, string data, CancellationToken cancel)
    {
        await response.WriteAsync($"data: {data}\n\n", cancel);
        // Flush each event so the client sees it now, not when the response ends.
        await response.Body.FlushAsync(cancel);
    }

    private static async Task WriteErrorAsync(HttpResponse response, ErrorReply error, CancellationToken cancel)
    {
        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        foreach (var (name, value) in error.Headers) response.Headers[name] = value;
        await response.WriteAsync(error.Body, cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }
}
