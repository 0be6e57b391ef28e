using System.Diagnostics;
using System.Reflection;
using Xunit.Sdk;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// A real redis-server (Debian's package) on a free loopback port, with no persistence, stopped on
/// dispose. Tests that need it skip with the reason when it is not installed, unless CI requires it.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/redis-server";
    private Process process;

    private RedisServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }
    public string Configuration => $"127.0.0.1:{Port}";

    public static bool Available => File.Exists(Binary);

    /// <summary>
    /// Started only once its own log says it is listening: a "free" port can be taken by another
    /// test's server in between, and connecting would then reach that one instead of ours.
    /// </summary>
    public static async Task<RedisServer> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = Loopback.FreePort();
            if (await TryStartAsync(port) is { } process) return new RedisServer(process, port);
            if (attempt == 5) throw new InvalidOperationException($"redis-server did not start after {attempt} attempts.");
        }
    }

    /// <summary>An outage: the server is killed (everything in it is lost) and started again on the same port.</summary>
    public async Task RestartAsync(TimeSpan downFor)
    {
        await StopAsync();
        process.Dispose();
        await Task.Delay(downFor);
        process = await TryStartAsync(Port) ?? throw new InvalidOperationException($"redis-server did not start again on port {Port}.");
    }

    private static async Task<Process?> TryStartAsync(int port)
    {
        var process = Process.Start(new ProcessStartInfo(Binary, $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no --protected-mode yes")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        if (await ProcessOutput.WaitForLineAsync(process, "Ready to accept connections", TimeSpan.FromSeconds(10))) return process;
        if (!process.HasExited) process.Kill();
        return null;
    }

    private async Task StopAsync()
    {
        if (process.HasExited) return;
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
    }
}

/// <summary>A test that needs redis-server: skipped with the reason without it, unless TASKCHAT_REQUIRE_REDIS=1 (CI).</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute() => Skip = SkipReason;

    internal static string? SkipReason =>
        !RedisServer.Available && Environment.GetEnvironmentVariable("TASKCHAT_REQUIRE_REDIS") != "1"
            ? "redis-server not found: install Debian's redis-server. Set TASKCHAT_REQUIRE_REDIS=1 to fail instead."
            : null;
}

/// <summary>
/// A theory row that needs redis-server, beside rows that do not: shown as skipped with the reason
/// without it (not silently left out), unless TASKCHAT_REQUIRE_REDIS=1 (CI).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RedisInlineDataAttribute : DataAttribute
{
    private readonly object[] data;

    public RedisInlineDataAttribute(params object[] data)
    {
        this.data = data;
        Skip = RedisFactAttribute.SkipReason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [data];
}

/// <summary>A browser test across instances: needs Chromium and redis-server, each skipped (or required) as its own attribute says.</summary>
public sealed class BrowserAndRedisFactAttribute : FactAttribute
{
    public BrowserAndRedisFactAttribute() =>
        Skip = new BrowserFactAttribute().Skip ?? new RedisFactAttribute().Skip;
}
