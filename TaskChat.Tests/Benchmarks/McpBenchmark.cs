using System.Diagnostics;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TaskChat.Tests.Benchmarks;

/// <summary>
/// A connected app's call through /mcp (the official client, a real app process) until the change
/// shows in an open tab of its user; and the calls' own round trips.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class McpBenchmark(BrowserFixture browsers, ITestOutputHelper output)
{
    private const int Rounds = 100;

    [BenchmarkFact]
    public async Task Mcp_call_visible_in_a_tab()
    {
        await using var app = await AppServer.StartAsync(new Dictionary<string, string> { ["Mcp:ToolCallsPerMinute"] = "1000" });
        var email = DashboardPage.NewEmail();
        var tab = new DashboardPage(await browsers.NewPageAsync(app));
        await tab.RegisterAsync(email);
        await using var client = await (await McpUser.ForAsync(app, email)).ConnectAsync(app);

        var (visible, added, listed) = (new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i <= Rounds; i++)
        {
            var title = $"From an app {i:D3}";
            var seen = await TaskVisibility.WatchForAsync(tab, title);
            // The page's clock and this one are the same machine's wall clock, in epoch milliseconds.
            var sentAt = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
            var call = Stopwatch.StartNew();
            var result = await client.CallAsync(ToolNames.AddTask, new { title });
            var addMs = call.Elapsed.TotalMilliseconds;
            Assert.False(result.IsError);
            var visibleAt = await seen;
            call.Restart();
            await client.CallAsync(ToolNames.ListTasks, new { text = title });
            var listMs = call.Elapsed.TotalMilliseconds;
            if (i == 0) continue; // the first pays for code compiled on first use
            visible.Add(visibleAt - sentAt);
            added.Add(addMs);
            listed.Add(listMs);
        }

        var report = new BenchmarkReport();
        report.Add("mcp: add_task call sent → task visible in the user's tab (browser)", visible, "ms");
        report.Add("mcp: add_task round trip (official client, Streamable HTTP)", added, "ms");
        report.Add("mcp: list_tasks round trip", listed, "ms");
        output.WriteLine(report.Write());
    }
}
