using System.Runtime.CompilerServices;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TaskChat.Core.Telemetry;

namespace TaskChat.Web.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics over OTLP, on only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (an environment variable, or the same key in appsettings.json). Unset, nothing of OpenTelemetry is
/// registered or even loaded: no listener, no exporter thread, and TaskChat's own instruments record
/// into nothing. The exporter reads the other standard variables itself (OTEL_EXPORTER_OTLP_PROTOCOL,
/// _HEADERS, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_METRIC_EXPORT_INTERVAL, OTEL_BSP_SCHEDULE_DELAY, …).
/// </summary>
public static class Telemetry
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string ServiceNameSetting = "OTEL_SERVICE_NAME";

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration[EndpointSetting])) AddOpenTelemetry(builder);
    }

    // Apart, and never inlined: compiling it loads the OpenTelemetry assemblies, which an app
    // without an endpoint then never does.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOpenTelemetry(WebApplicationBuilder builder) =>
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // Added last, a name here would override the operator's OTEL_SERVICE_NAME.
                if (string.IsNullOrWhiteSpace(builder.Configuration[ServiceNameSetting])) resource.AddService("taskchat");
            })
            .WithTracing(tracing => tracing
                .AddSource(TaskChatTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddMeter(TaskChatTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                // The runtime's own meter (GC, CPU, thread pool) since .NET 9: no package needed.
                .AddMeter("System.Runtime")
                .AddOtlpExporter());
}
