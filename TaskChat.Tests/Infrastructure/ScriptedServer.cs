using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 playing a model provider: each request gets the next scripted reply,
/// in order, and is recorded. Real sockets, so the clients' own HTTP stack, SSE parsing and error
/// handling are what get tested, and a whole app can be pointed at <see cref="Endpoint"/>. The
/// protocols (<see cref="ScriptedOpenAIServer"/>, <see cref="ScriptedGeminiServer"/>) differ in route,
/// base address, how a stream ends and what an unscripted request gets.
/// </summary>
public abstract class ScriptedServer : IAsyncDisposable
{
    private static readonly TimeSpan AbortGrace = TimeSpan.FromMilliseconds(100);

    private readonly Queue<ScriptedReply> replies = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly List<(string Data, DateTime SentUtc, long SentTicks)> sent = [];
    // Ends replies still waiting on a scripted delay, so disposal never waits for them.
    private readonly CancellationTokenSource stopping = new();
    private WebApplication app = null!;

    /// <summary>The base address to give a client.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>
    /// Every streamed event with the moment it was flushed to the client, as wall-clock time and as a
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp (CLOCK_MONOTONIC on Linux): benchmarks time against it.
    /// </summary>
    public IReadOnlyList<(string Data, DateTime SentUtc, long SentTicks)> Sent { get { lock (sent) return sent.ToArray(); } }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (requests) return [.. requests]; }
    }

    /// <summary>The event a well-behaved stream ends with (OpenAI's <c>[DONE]</c>), or null when the protocol has none.</summary>
    protected abstract string? DoneEvent { get; }

    /// <summary>How the protocol ends an SSE line: OpenAI sends \n, Google \r\n.</summary>
    protected virtual string LineEnd => "\n";

    /// <summary>What a request nobody scripted gets: a 400, never retried, so the test fails on its message at once.</summary>
    protected abstract string NoReplyBody(int requestNumber);

    protected static async Task<T> StartAsync<T>(T server, string route, string endpointPath) where T : ScriptedServer
    {
        // The empty builder reads no appsettings and logs nothing: the test's own environment never
        // leaks into the server.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        server.app = builder.Build();
        server.app.MapPost(route, server.HandleAsync);
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Endpoint = new Uri(address.TrimEnd('/') + endpointPath);
        return server;
    }

    /// <summary>A stream of the given payloads, ended the way the protocol ends a complete answer.</summary>
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
                var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                requests.Add(new RecordedRequest(body, context.Request.Path + context.Request.QueryString, headers));
                number = requests.Count;
                replies.TryDequeue(out reply);
            }

            switch (reply ?? new ErrorReply(400, NoReplyBody(number), new Dictionary<string, string>()))
            {
                case StreamReply stream:
                    await StreamAsync(context, stream, cancel.Token);
                    break;
                case ErrorReply error:
                    await WriteAsync(context.Response, error.Status, error.Body, error.Headers, cancel.Token);
                    break;
                case JsonReply json:
                    await WriteAsync(context.Response, 200, json.Body, new Dictionary<string, string>(), cancel.Token);
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
            if (chunk.After is { } gate) await gate.WaitAsync(cancel);
            await WriteEventAsync(response, chunk.Data, cancel);
            lock (sent) sent.Add((chunk.Data, DateTime.UtcNow, System.Diagnostics.Stopwatch.GetTimestamp()));
        }
        switch (reply.Ending)
        {
            case StreamEnding.Done when DoneEvent is { } done:
                await WriteEventAsync(response, done, cancel);
                break;
            case StreamEnding.Abort:
                // Kestrel's abort discards output not yet handed to the socket, flushed or not: without
                // this pause the client can lose the chunks before the cut, even the response headers.
                await Task.Delay(AbortGrace, cancel);
                context.Abort();
                break;
        }
    }

    private async Task WriteEventAsync(HttpResponse response, string data, CancellationToken cancel)
    {
        await response.WriteAsync($"data: {data}{LineEnd}{LineEnd}", cancel);
        // Flush each event so the client sees it now, not when the response ends.
        await response.Body.FlushAsync(cancel);
    }

    private static async Task WriteAsync(HttpResponse response, int status, string body, IReadOnlyDictionary<string, string> headers, CancellationToken cancel)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        foreach (var (name, value) in headers) response.Headers[name] = value;
        await response.WriteAsync(body, cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }
}
