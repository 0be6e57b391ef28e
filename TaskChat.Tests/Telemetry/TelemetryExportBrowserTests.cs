using System.Text;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static TaskChat.Core.Telemetry.TaskChatTelemetry;

namespace TaskChat.Tests.Telemetry;

/// <summary>
/// The real app process exporting over OTLP/HTTP to a receiver the test runs on 127.0.0.1, configured
/// only by the standard OTEL_* environment variables, while a person signs up and chats in Chromium;
/// and the same app without an endpoint, which loads no OpenTelemetry at all.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TelemetryExportBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task With_an_endpoint_set_the_answer_its_tool_call_and_the_metrics_arrive_over_otlp_without_contents()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var app = await AppServer.StartAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-otlp-token=collector-secret",
            ["OTEL_SERVICE_NAME"] = "taskchat-under-test",
            // Export every half second rather than every minute (metrics) or five seconds (spans).
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        var page = new DashboardPage(await fixture.NewPageAsync(app));
        var email = DashboardPage.NewEmail();
        await page.RegisterAsync(email);

        var answer = await page.AskAsync("add buy milk tomorrow");
        await Expect(answer).ToHaveAttributeAsync("data-status", "complete");

        await Eventually.TrueAsync(() =>
            collector.Contains("/v1/traces", Names.AnswerSpan) && collector.Contains("/v1/traces", Names.ToolSpan("add_task"))
            && collector.Contains("/v1/metrics", Names.AnswersFinished) && collector.Contains("/v1/metrics", Names.ToolCalls)
            && collector.Contains("/v1/metrics", Names.CircuitsLive) && collector.Contains("/v1/metrics", Names.TimeToFirstToken),
            "the answer's spans and TaskChat's metrics at the receiver");
        // ASP.NET Core's and EF Core's spans, the service name and the headers came from the OTEL_* variables.
        Assert.True(collector.Contains("/v1/traces", "/account/register"), "an ASP.NET Core request span");
        Assert.True(collector.Contains("/v1/traces", "taskchat-under-test"), "OTEL_SERVICE_NAME as service.name");
        Assert.True(collector.Contains("/v1/metrics", "http.server.request.duration"), "ASP.NET Core's metrics");
        Assert.All(collector.Received, post =>
        {
            Assert.Equal("application/x-protobuf", post.Headers["Content-Type"]);
            Assert.Equal("collector-secret", post.Headers["x-otlp-token"]);
        });
        // What the user wrote and who they are never leave: not the message, not the task, not the address.
        foreach (var secret in new[] { "milk", "Milk", email })
            Assert.DoesNotContain(collector.Received, post => Encoding.UTF8.GetString(post.Body).Contains(secret));
        Assert.Contains(LoadedFiles(app), f => f.EndsWith("/OpenTelemetry.dll"));
    }

    [BrowserFact]
    public async Task Without_an_endpoint_no_opentelemetry_is_loaded_and_nothing_is_exported()
    {
        await using var collector = await OtlpCollector.StartAsync();
        // Everything but the endpoint: the other variables alone switch nothing on.
        await using var app = await AppServer.StartAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "taskchat-under-test",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "100",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        var page = new DashboardPage(await fixture.NewPageAsync(app));
        await page.RegisterAsync(DashboardPage.NewEmail());

        var answer = await page.AskAsync("add buy milk tomorrow");
        await Expect(answer).ToHaveAttributeAsync("data-status", "complete");

        // Not registered, and not even loaded: no listener, no exporter, no instrumentation.
        Assert.DoesNotContain(LoadedFiles(app), f => f.Contains("OpenTelemetry", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(collector.Received);
    }

    /// <summary>The files the app process has mapped: on Linux every loaded assembly is among them.</summary>
    private static string[] LoadedFiles(AppServer app) =>
        File.ReadLines($"/proc/{app.ProcessId}/maps").Select(l => l.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length == 6).Select(parts => parts[5]).Distinct().ToArray();
}
