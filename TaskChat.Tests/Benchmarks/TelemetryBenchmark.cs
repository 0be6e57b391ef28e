using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TaskChat.Core.Assistant.Runs;
using TaskChat.Core.Telemetry;
using TaskChat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TaskChat.Tests.Benchmarks;

/// <summary>
/// What TaskChat's telemetry costs: recording with nothing listening (the default, no endpoint), and
/// a whole offline answer through the real runner with no listener against one with the OpenTelemetry
/// SDK collecting every span and metric; and the app process's memory with and without an OTLP
/// endpoint. In the browser collection only so that it never runs at the same time as another benchmark.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class TelemetryBenchmark(ITestOutputHelper output)
{
    private const int Answers = 300;
    private const int Block = 25;
    private const int Recordings = 10_000_000;

    [BenchmarkFact]
    public async Task Telemetry_off_and_on()
    {
        var report = new BenchmarkReport();

        var metrics = TestMeters.Create();
        for (var i = 0; i < 1000; i++) metrics.ToolCall("add_task", "ok"); // warm-up
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Recordings; i++) metrics.ToolCall("add_task", "ok");
        report.Add("telemetry off: one tagged counter increment, nothing listening", [Stopwatch.GetElapsedTime(started).TotalNanoseconds / Recordings], "ns");
        started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Recordings; i++) AnswerTelemetry.StartToolCall("add_task", "call_1")?.Dispose();
        report.Add("telemetry off: one execute_tool span, nothing listening", [Stopwatch.GetElapsedTime(started).TotalNanoseconds / Recordings], "ns");

        var (off, on) = await AnswerTimesAsync();
        report.Add("offline answer with a tool call, telemetry off", off, "ms");
        report.Add("offline answer with a tool call, OpenTelemetry SDK collecting", on, "ms");

        report.Add("app RSS after sign-up, no OTLP endpoint", [await ResidentMegabytesAsync(withEndpoint: false)], "MB");
        report.Add("app RSS after sign-up, exporting over OTLP", [await ResidentMegabytesAsync(withEndpoint: true)], "MB");
        output.WriteLine(report.Write());
    }

    /// <summary>
    /// Alternating blocks of answers in one database, without and with the SDK listening: the machine's
    /// load and the database's growth fall on both alike.
    /// </summary>
    private static async Task<(List<double> Off, List<double> On)> AnswerTimesAsync()
    {
        await using var h = await AssistantHarness.OfflineAsync(("Assistant:SendsPerMinute", "1000000"), ("Assistant:SendsPerDay", "1000000"));
        for (var i = 0; i < 20; i++) await h.AskAsync("add buy milk tomorrow"); // warm-up: JIT, pools
        var (off, on) = (new List<double>(Answers), new List<double>(Answers));
        for (var block = 0; block < 2 * Answers / Block; block++)
        {
            var listening = block % 2 == 1;
            using var meters = listening ? Sdk.CreateMeterProviderBuilder().AddMeter(TaskChatTelemetry.Name).AddInMemoryExporter(new List<Metric>()).Build() : null;
            using var tracer = listening ? Sdk.CreateTracerProviderBuilder().AddSource(TaskChatTelemetry.Name).AddInMemoryExporter(new List<Activity>()).Build() : null;
            for (var i = 0; i < Block; i++)
            {
                var before = Stopwatch.GetTimestamp();
                await h.AskAsync("add buy milk tomorrow");
                (listening ? on : off).Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
            }
        }
        return (off, on);
    }

    private static async Task<double> ResidentMegabytesAsync(bool withEndpoint)
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var app = await AppServer.StartAsync(withEndpoint
            ? new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString().TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            }
            : null);
        await FormClient.RegisterNewAsync(app);
        if (withEndpoint) await Eventually.TrueAsync(() => collector.Received.Any(p => p.Path == "/v1/metrics"), "a metrics export");
        return app.ResidentKilobytes / 1024.0;
    }
}
