using System.Diagnostics;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// Debian's Caddy in front of app instances, configured by the README's own example
/// (docs/deploy/Caddyfile) with only its addresses replaced, so the example is what is tested.
/// </summary>
public sealed class CaddyServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/caddy";
    private const string ExampleSite = "taskchat.example.com";
    private const string ExampleUpstreams = "127.0.0.1:5001 127.0.0.1:5002 127.0.0.1:5003";

    private readonly Process process;
    private readonly string directory;

    private CaddyServer(Process process, string directory, Uri baseAddress)
    {
        this.process = process;
        this.directory = directory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static bool Available => File.Exists(Binary);

    public static async Task<CaddyServer> StartAsync(params AppServer[] upstreams)
    {
        var directory = Directory.CreateTempSubdirectory("taskchat-caddy-").FullName;
        var port = Loopback.FreePort();
        var example = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "deploy", "Caddyfile"));
        Assert.Contains(ExampleSite, example);
        Assert.Contains(ExampleUpstreams, example);
        // Plain http on a loopback port, and no admin endpoint (its fixed port would clash between runs).
        var config = "{\n\tadmin off\n}\n" + example
            .Replace(ExampleSite, $"http://127.0.0.1:{port}")
            .Replace(ExampleUpstreams, string.Join(' ', upstreams.Select(u => u.BaseAddress.Authority)));
        var file = Path.Combine(directory, "Caddyfile");
        await File.WriteAllTextAsync(file, config);

        var start = new ProcessStartInfo(Binary, ["run", "--config", file, "--adapter", "caddyfile"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Caddy keeps state under $HOME/$XDG_*: keep it in the test's folder.
        start.Environment["HOME"] = directory;
        start.Environment["XDG_DATA_HOME"] = directory;
        start.Environment["XDG_CONFIG_HOME"] = directory;
        var process = Process.Start(start)!;
        var server = new CaddyServer(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException($"caddy exited with code {process.ExitCode}.");
                try
                {
                    return (await client.GetAsync("health")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, "caddy to answer /health through an instance");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A browser test through the reverse proxy: needs Chromium, redis-server and caddy (Debian's packages), each skipped or required like the others.</summary>
public sealed class BrowserRedisAndCaddyFactAttribute : FactAttribute
{
    public BrowserRedisAndCaddyFactAttribute() =>
        Skip = new BrowserAndRedisFactAttribute().Skip ?? CaddySkipReason;

    private static string? CaddySkipReason =>
        !CaddyServer.Available && Environment.GetEnvironmentVariable("TASKCHAT_REQUIRE_CADDY") != "1"
            ? "caddy not found: install Debian's caddy. Set TASKCHAT_REQUIRE_CADDY=1 to fail instead."
            : null;
}
