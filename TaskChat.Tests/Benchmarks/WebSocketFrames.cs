using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace TaskChat.Tests.Benchmarks;

/// <summary>
/// The WebSocket frames a page receives (Blazor's render batches among them), recorded through the
/// Chrome DevTools Protocol with the moment Chromium's network stack received each one. Over loopback
/// that is the moment the frame left the server, without the browser's own decode, layout and paint.
/// </summary>
/// <remarks>
/// CDP stamps frames with <c>MonotonicTime</c> (seconds of base::TimeTicks, CLOCK_MONOTONIC on Linux),
/// the clock <see cref="Stopwatch.GetTimestamp"/> reads there too. <see cref="ClockSkewMs"/> checks that
/// on every run instead of trusting it: requests carry both a monotonic and a wall-clock stamp, and the
/// gap between the two clocks must be the same in Chromium as in this process.
/// </remarks>
public sealed class WebSocketFrames
{
    private readonly List<Frame> frames = [];
    private readonly List<double> skews = [];

    private WebSocketFrames() { }

    public sealed record Frame(double Seconds, string Text);

    public static async Task<WebSocketFrames> AttachAsync(IPage page)
    {
        var recorder = new WebSocketFrames();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) => recorder.OnFrame(e!.Value);
        cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) => recorder.OnRequest(e!.Value);
        await cdp.SendAsync("Network.enable");
        return recorder;
    }

    /// <summary>Seconds on this process's <see cref="Stopwatch"/> clock: comparable with <see cref="Frame.Seconds"/>.</summary>
    public static double Seconds(long stopwatchTimestamp) => stopwatchTimestamp / (double)Stopwatch.Frequency;

    /// <summary>Frames received so far, oldest first; payloads as Latin-1 text, so UTF-8 strings inside MessagePack stay searchable.</summary>
    public IReadOnlyList<Frame> Received { get { lock (frames) return [.. frames]; } }

    public void Clear()
    {
        lock (frames) frames.Clear();
    }

    /// <summary>
    /// (Chromium's wall − monotonic) − (this process's wall − Stopwatch), per request seen, in ms:
    /// near 0 when the two monotonic clocks are the same clock. Null before any request.
    /// </summary>
    public double? ClockSkewMs { get { lock (skews) return skews.Count == 0 ? null : skews.MaxBy(Math.Abs); } }

    private void OnFrame(JsonElement e)
    {
        var response = e.GetProperty("response");
        var payload = response.GetProperty("payloadData").GetString() ?? "";
        // Opcode 2 (binary, as Blazor's MessagePack hub protocol sends) arrives base64-encoded.
        var text = response.GetProperty("opcode").GetInt32() == 2 ? Encoding.Latin1.GetString(Convert.FromBase64String(payload)) : payload;
        lock (frames) frames.Add(new Frame(e.GetProperty("timestamp").GetDouble(), text));
    }

    private void OnRequest(JsonElement e)
    {
        var browser = e.GetProperty("wallTime").GetDouble() - e.GetProperty("timestamp").GetDouble();
        var ours = (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds - Seconds(Stopwatch.GetTimestamp());
        lock (skews) skews.Add((browser - ours) * 1000);
    }
}
