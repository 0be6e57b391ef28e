using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TaskChat.Core.Telemetry;

namespace TaskChat.Tests.Infrastructure;

/// <summary>TaskChat's instruments on a meter of their own, for classes a test builds by hand.</summary>
public static class TestMeters
{
    public static TaskChatMetrics Create() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
