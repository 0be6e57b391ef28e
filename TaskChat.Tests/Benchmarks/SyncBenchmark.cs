using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using TaskChat.Core.Sync;
using TaskChat.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Benchmarks;

/// <summary>Keeping tabs in step: broadcaster fan-out (in memory and through Redis), tab to tab in browsers, memory per tab.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class SyncBenchmark(BrowserFixture fixture, ITestOutputHelper output)
{
    [BenchmarkFact]
    public async Task Fan_out_cross_tab_and_memory_per_tab()
    {
        var report = new BenchmarkReport();

        var memory = new InMemoryUserBroadcaster(NullLogger<InMemoryUserBroadcaster>.Instance, TestMeters.Create());
        report.Add("sync: fan-out in memory, 1 user × 20 tabs (publish → handler)", await FanOutAsync(memory, users: 1, tabs: 20, rounds: 500), "ms", "p99 ≤ 10");
        report.Add("sync: fan-out in memory, 1,000 users × 2 tabs", await FanOutAsync(memory, users: 1000, tabs: 2, rounds: 20), "ms", "p99 ≤ 10");

        if (RedisServer.Available)
        {
            await using var redis = await RedisServer.StartAsync();
            await using var viaRedis = new RedisUserBroadcaster(await ConnectionMultiplexer.ConnectAsync(redis.Configuration),
                new InMemoryUserBroadcaster(NullLogger<InMemoryUserBroadcaster>.Instance, TestMeters.Create()), NullLogger<RedisUserBroadcaster>.Instance);
            report.Add("sync: fan-out through Redis, 1 user × 20 tabs", await FanOutAsync(viaRedis, users: 1, tabs: 20, rounds: 500), "ms");
            report.Add("sync: fan-out through Redis, 1,000 users × 2 tabs", await FanOutAsync(viaRedis, users: 1000, tabs: 2, rounds: 20), "ms");
        }

        await MeasureCrossTabAsync(report);
        await MeasureMemoryPerTabAsync(report);
        await MeasureMemoryPerStreamingTabAsync(report);
        output.WriteLine(report.Write());
    }

    /// <summary>Publishes timestamped events and records, per delivery, how long after publishing the handler ran.</summary>
    private static async Task<List<double>> FanOutAsync(IUserBroadcaster broadcaster, int users, int tabs, int rounds)
    {
        var latencies = new ConcurrentBag<double>();
        var expected = (long)users * tabs * rounds;
        long delivered = 0;
        var subscriptions = new List<IDisposable>();
        for (var u = 0; u < users; u++)
            for (var t = 0; t < tabs; t++)
                subscriptions.Add(broadcaster.Subscribe($"bench-{u}", e =>
                {
                    latencies.Add(Stopwatch.GetElapsedTime(Published[((TasksChanged)e).TaskId!.Value]).TotalMilliseconds);
                    Interlocked.Increment(ref delivered);
                    return Task.CompletedTask;
                }));

        Published.Clear();
        var sequence = 0;
        for (var r = 0; r < rounds; r++)
        {
            for (var u = 0; u < users; u++)
            {
                Published[sequence] = Stopwatch.GetTimestamp();
                broadcaster.Publish($"bench-{u}", new TasksChanged(sequence++, ChangeKind.Updated));
            }
            await Task.Delay(2); // rounds a few ms apart, as edits are, not one burst
        }
        for (var waited = 0; waited < 30_000 && Interlocked.Read(ref delivered) < expected; waited += 10) await Task.Delay(10);
        subscriptions.ForEach(s => s.Dispose());
        Assert.Equal(expected, Interlocked.Read(ref delivered));
        return [.. latencies];
    }

    private static readonly ConcurrentDictionary<int, long> Published = new();

    private async Task MeasureCrossTabAsync(BenchmarkReport report)
    {
        var a = new DashboardPage(await fixture.NewPageAsync());
        await a.RegisterAsync(DashboardPage.NewEmail());
        var b = new DashboardPage(await a.Page.Context.NewPageAsync());
        await b.Page.GotoAsync("/");
        await b.WaitUntilConnectedAsync();

        var samples = new List<double>();
        for (var i = 0; i < 101; i++)
        {
            var title = $"Cross-tab change {i:D3}";
            var seen = b.Page.EvaluateAsync<double>("""
                title => new Promise(resolve => {
                    const list = document.querySelector('[data-testid=task-list]');
                    const observer = new MutationObserver(() => {
                        if (list.textContent.includes(title)) { observer.disconnect(); resolve(performance.timeOrigin + performance.now()); }
                    });
                    observer.observe(list, { subtree: true, childList: true, characterData: true });
                })
                """, title);
            var input = a.Page.GetByTestId("new-task-input");
            await input.FillAsync(title);
            var sentAt = await a.Page.EvaluateAsync<double>("""
                () => { const t = performance.timeOrigin + performance.now(); document.querySelector('[data-testid=new-task-input]').form.requestSubmit(); return t; }
                """);
            var visibleAt = await seen.WaitAsync(TimeSpan.FromSeconds(15));
            await Expect(a.Row(title)).ToHaveCountAsync(1);
            if (i > 0) samples.Add(visibleAt - sentAt);
        }
        report.Add("sync: change in tab A (submit) → visible in tab B (browser)", samples, "ms", "p95 ≤ 100");
        await a.Page.Context.CloseAsync();
    }

    /// <summary>
    /// The slope, not the total: the first tabs also pay once for what any circuit needs (code
    /// compiled on first use, the component library's and the renderer's caches), so the baseline already has
    /// warm tabs open and only the tabs added after it are counted.
    /// </summary>
    private async Task MeasureMemoryPerTabAsync(BenchmarkReport report)
    {
        const int warm = 10, tabs = 50;
        // One account opens them all: lift its cap on open tabs (20 by default) above what is measured.
        await using var app = await AppServer.StartAsync(new Dictionary<string, string> { ["Hosting:MaxCircuitsPerUser"] = "100" });
        using var http = app.CreateClient();
        var first = new DashboardPage(await fixture.NewPageAsync(app));
        await first.RegisterAsync(DashboardPage.NewEmail());
        await first.Page.GotoAsync("/account/login"); // signed in, but no circuit of its own
        await Task.Delay(2000);
        var empty = app.ResidentKilobytes;

        await OpenIdleTabsAsync(first, warm);
        await Task.Delay(3000); // let start-up allocations settle
        var before = app.ResidentKilobytes;
        var heapBefore = await ManagedHeap.LiveBytesAfterFullGcAsync(app.ProcessId);
        await OpenIdleTabsAsync(first, tabs);
        var health = await http.GetFromJsonAsync<JsonElement>("health");
        Assert.Equal(warm + tabs, health.GetProperty("subscriptions").GetProperty("tabs").GetInt32());
        await Task.Delay(3000);
        var after = app.ResidentKilobytes;
        var heapAfter = await ManagedHeap.LiveBytesAfterFullGcAsync(app.ProcessId);
        output.WriteLine($"memory: RSS {empty:N0} KB with no tab, {before:N0} KB with {warm} idle tabs, {after:N0} KB with {warm + tabs}; " +
            $"live managed heap {heapBefore / 1024:N0} KB with {warm}, {heapAfter / 1024:N0} KB with {warm + tabs}");
        report.Add($"sync: server memory (RSS) for the first {warm} idle tabs, per tab (incl. one-off warm-up)", [(before - empty) / (double)warm], "KB");
        report.Add($"sync: server memory (RSS) per idle connected tab, {tabs} Chromium tabs beyond {warm}", [(after - before) / (double)tabs], "KB", "≤ 300");
        report.Add($"sync: live managed heap (after a full GC) per idle connected tab, same {tabs} tabs", [(heapAfter - heapBefore) / 1024.0 / tabs], "KB", "≤ 300");
        await first.Page.Context.CloseAsync();
    }

    private static async Task OpenIdleTabsAsync(DashboardPage signedIn, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var page = await signedIn.Page.Context.NewPageAsync();
            await page.GotoAsync("/");
            await Expect(page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "connected");
        }
    }

    /// <summary>
    /// Tabs each watching an answer stream in (one thread each, 300 tokens/s): what a streaming tab
    /// costs the server, sampled while every answer is mid-stream.
    /// </summary>
    private async Task MeasureMemoryPerStreamingTabAsync(BenchmarkReport report)
    {
        const int tabs = 10;
        const int tokens = 9000; // thirty seconds each: all still streaming while sampled, however slow the sends
        await using var provider = await ScriptedOpenAIServer.StartAsync();
        await using var app = await AppServer.StartAsync(new Dictionary<string, string>
        {
            ["Assistant:Provider"] = "OpenAICompatible",
            ["Assistant:Endpoint"] = provider.Endpoint.ToString(),
            ["Assistant:Model"] = "scripted-model",
            ["Assistant:SendsPerMinute"] = "1000",
        });
        var first = new DashboardPage(await fixture.NewPageAsync(app));
        await first.RegisterAsync(DashboardPage.NewEmail());
        await first.Page.GotoAsync("/account/login");
        await Task.Delay(2000);
        var before = app.ResidentKilobytes;

        var pages = new List<DashboardPage>();
        for (var i = 0; i < tabs; i++)
        {
            var page = new DashboardPage(await first.Page.Context.NewPageAsync());
            await page.Page.GotoAsync("/");
            await page.WaitUntilConnectedAsync();
            await page.Page.GetByTestId("new-thread").ClickAsync();
            await Expect(page.Page.GetByTestId("chat-empty")).ToBeVisibleAsync();
            pages.Add(page);
        }
        await Task.Delay(3000);
        var idle = app.ResidentKilobytes;

        for (var i = 0; i < tabs; i++)
            provider.EnqueueStream([OpenAIChunks.Role(), .. Enumerable.Range(0, tokens).Select(t => new SseChunk(OpenAIChunks.Text($"w{t} "), TimeSpan.FromSeconds(1.0 / 300))), OpenAIChunks.Finish("stop")]);
        foreach (var page in pages) await page.SendAsync($"stream in tab {pages.IndexOf(page)}");
        var peak = 0L;
        for (var sample = 0; sample < 10; sample++)
        {
            await Task.Delay(500);
            peak = Math.Max(peak, app.ResidentKilobytes);
        }
        foreach (var page in pages) await Expect(page.Page.Locator("[data-testid=message][data-status=streaming]")).ToHaveCountAsync(1);
        output.WriteLine($"memory: RSS {before:N0} KB before, {idle:N0} KB with {tabs} idle tabs, {peak:N0} KB at most while all {tabs} stream");
        report.Add($"sync: server memory (RSS) per streaming tab, {tabs} tabs each streaming an answer", [(peak - before) / (double)tabs], "KB");
        report.Add($"sync: server memory (RSS) added by streaming, per tab ({tabs} tabs, over the same tabs idle)", [(peak - idle) / (double)tabs], "KB");
        await first.Page.Context.CloseAsync();
    }
}
