using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// The smallest OTLP/HTTP receiver: a real HTTP server on 127.0.0.1 that accepts the exporter's
/// protobuf POSTs to /v1/traces, /v1/metrics and /v1/logs, answers 200 with an empty (valid) reply and
/// keeps the bodies. Tests look for names in the raw bytes: strings travel as UTF-8 in protobuf.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly List<OtlpPost> received = [];
    private WebApplication app = null!;

    /// <summary>What to give OTEL_EXPORTER_OTLP_ENDPOINT: the exporter adds /v1/traces and /v1/metrics.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<OtlpPost> Received
    {
        get { lock (received) return [.. received]; }
    }

    public static async Task<OtlpCollector> StartAsync()
    {
        var collector = new OtlpCollector();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        collector.app = builder.Build();
        collector.app.MapPost("/v1/{signal}", collector.ReceiveAsync);
        await collector.app.StartAsync();
        var address = collector.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        collector.Endpoint = new Uri(address);
        return collector;
    }

    /// <summary>Whether any POST to <paramref name="path"/> so far carries <paramref name="text"/> (as UTF-8 bytes).</summary>
    public bool Contains(string path, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return Received.Any(r => r.Path == path && r.Body.AsSpan().IndexOf(bytes) >= 0);
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        lock (received) received.Add(new OtlpPost(context.Request.Path.Value!, headers, body.ToArray()));
        // An empty Export*ServiceResponse: zero bytes of protobuf.
        context.Response.ContentType = "application/x-protobuf";
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>One export as it arrived: the signal's path, the request headers and the protobuf body.</summary>
public sealed record OtlpPost(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);
