using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Telemetry;
using TaskChat.Tests.Infrastructure;
using TaskChat.Web.Hosting;
using WebTelemetry = TaskChat.Web.Hosting.Telemetry;
using static TaskChat.Core.Telemetry.TaskChatTelemetry;

namespace TaskChat.Tests.Telemetry;

/// <summary>
/// The OpenTelemetry SDK, with its in-memory exporter, reading TaskChat's meter and source by name
/// as an operator's setup does; and the app's registration, on only with an endpoint.
/// </summary>
public sealed class OpenTelemetrySdkTests
{
    [Fact]
    public async Task The_sdk_exports_the_assistants_metrics_and_spans_by_the_names_taskchat_gives_them()
    {
        var metrics = new List<Metric>();
        var spans = new List<Activity>();
        using var meterProvider = Sdk.CreateMeterProviderBuilder().AddMeter(Name).AddInMemoryExporter(metrics).Build();
        using var tracerProvider = Sdk.CreateTracerProviderBuilder().AddSource(Name).AddInMemoryExporter(spans).Build();
        await using var h = await AssistantHarness.OfflineAsync();
        using var cause = new SpanRecorder();

        await h.AskAsync("add buy milk tomorrow");
        meterProvider.ForceFlush();
        tracerProvider.ForceFlush();

        // Other tests' answers may land in this process-wide exporter too: so "at least", and this
        // test's own spans found by their link to its cause.
        Assert.Contains(Points(metrics, Names.AnswersStarted), p => p.Tags[Tags.Provider] is "taskchat.offline" && p.Value >= 1);
        Assert.Contains(Points(metrics, Names.AnswersFinished), p => p.Value >= 1);
        Assert.Contains(Points(metrics, Names.ToolCalls), p => p.Tags[Tags.Tool] is ToolNames.AddTask && p.Tags[Tags.Outcome] is "ok");
        Assert.Contains(Points(metrics, Names.Characters), p => p.Value > 0);
        Assert.Contains(metrics, m => m.Name == Names.TimeToFirstToken && m.Unit == "s" && m.MetricType == MetricType.Histogram);

        Activity[] answerSpans;
        lock (spans) answerSpans = spans.Where(s => s.OperationName == Names.AnswerSpan && s.Links.Any(l => l.Context.SpanId == cause.Cause.SpanId)).ToArray();
        var answer = Assert.Single(answerSpans);
        lock (spans) Assert.Contains(spans, s => s.OperationName == "execute_tool add_task" && s.ParentSpanId == answer.SpanId);
    }

    [Fact]
    public void Without_an_endpoint_no_opentelemetry_service_is_registered()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[WebTelemetry.EndpointSetting] = "";

        builder.AddTelemetry();

        Assert.DoesNotContain(builder.Services, d => d.ServiceType.Namespace?.StartsWith("OpenTelemetry") == true);
    }

    [Fact]
    public async Task With_an_endpoint_traces_and_metrics_are_registered()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[WebTelemetry.EndpointSetting] = "http://127.0.0.1:9";

        builder.AddTelemetry();

        await using var services = builder.Services.BuildServiceProvider();
        Assert.NotNull(services.GetService<TracerProvider>());
        Assert.NotNull(services.GetService<MeterProvider>());
    }

    private static List<(IReadOnlyDictionary<string, object?> Tags, double Value)> Points(List<Metric> metrics, string name)
    {
        var points = new List<(IReadOnlyDictionary<string, object?>, double)>();
        lock (metrics)
            foreach (var metric in metrics.Where(m => m.Name == name))
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var tags = new Dictionary<string, object?>();
                    foreach (var tag in point.Tags) tags[tag.Key] = tag.Value;
                    points.Add((tags, metric.MetricType == MetricType.LongSum ? point.GetSumLong() : point.GetSumDouble()));
                }
        return points;
    }
}
