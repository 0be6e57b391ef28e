using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Benchmarks;

/// <summary>
/// A measurement, not a test: skipped by the plain test command, run by the benchmark command
/// (TASKCHAT_BENCH=1, see README). Benchmark classes carry [Trait("Category", "Benchmark")].
/// </summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("TASKCHAT_BENCH") != "1")
            Skip = "Benchmark: run with TASKCHAT_BENCH=1 (see README, Benchmarks).";
        else if (Chromium.Path is null)
            Skip = "Benchmarks drive Chromium: install Debian's chromium or set TASKCHAT_CHROMIUM.";
    }
}
