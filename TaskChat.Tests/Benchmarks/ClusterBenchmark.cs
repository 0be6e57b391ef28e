using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using TaskChat.Core.Sync;
using TaskChat.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Benchmarks;

/// <summary>
/// Two instances on one store and one Redis: a change in a tab on instance A until it shows in a tab
/// on instance B, in the browser; and the server-side hop it rides on, an event published through
/// one Redis connection until the handler behind another runs, as between two instances.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class ClusterBenchmark(BrowserFixture fixture, ITestOutputHelper output)
{
    [BenchmarkFact]
    public async Task Change_on_instance_A_visible_on_instance_B()
    {
        Assert.True(RedisServer.Available, "The cluster benchmark needs redis-server.");
        var report = new BenchmarkReport();
        await using var cluster = await Cluster.StartAsync(2, await SharedStore.PostgresAsync());

        var (otherInstance, sameInstance) = await CrossInstanceAsync(cluster);
        report.Add("cluster: change in tab on A → visible in tab on B (PostgreSQL, Redis; browser)", otherInstance, "ms", "p95 ≤ 100");
        report.Add("cluster: same changes → another tab on A (baseline, same run)", sameInstance, "ms");
        report.Add("cluster: Redis publish on A's connection → handler behind B's", await RedisHopAsync(cluster.Redis, rounds: 1000), "ms");
        output.WriteLine(report.Write());
    }

    /// <summary>
    /// Each change is watched from a tab on B and, as the baseline under the same load, from a second
    /// tab on A: the difference is what crossing instances costs.
    /// </summary>
    private async Task<(List<double> OtherInstance, List<double> SameInstance)> CrossInstanceAsync(Cluster cluster)
    {
        var onA = new DashboardPage(await fixture.NewPageAsync(cluster[0]));
        var email = DashboardPage.NewEmail();
        await onA.RegisterAsync(email);
        var alsoOnA = new DashboardPage(await onA.Page.Context.NewPageAsync());
        await alsoOnA.Page.GotoAsync("/");
        await alsoOnA.WaitUntilConnectedAsync();
        var onB = new DashboardPage(await fixture.NewPageAsync(cluster[1]));
        await onB.SignInAsync(email);

        // All tabs run in one Chromium: performance.timeOrigin + now() is one clock for every page.
        var (otherInstance, sameInstance) = (new List<double>(), new List<double>());
        for (var i = 0; i < 101; i++)
        {
            var title = $"Cross-instance change {i:D3}";
            var seenOnB = await TaskVisibility.WatchForAsync(onB, title);
            var seenOnA = await TaskVisibility.WatchForAsync(alsoOnA, title);
            await onA.Page.GetByTestId("new-task-input").FillAsync(title);
            var sentAt = await onA.Page.EvaluateAsync<double>("""
                () => { const t = performance.timeOrigin + performance.now(); document.querySelector('[data-testid=new-task-input]').form.requestSubmit(); return t; }
                """);
            var (onBAt, onAAt) = (await seenOnB, await seenOnA);
            await Expect(onA.Row(title)).ToHaveCountAsync(1);
            if (i == 0) continue; // the first pays for code compiled on first use
            otherInstance.Add(onBAt - sentAt);
            sameInstance.Add(onAAt - sentAt);
        }
        await onA.Page.Context.CloseAsync();
        await onB.Page.Context.CloseAsync();
        return (otherInstance, sameInstance);
    }

    /// <summary>Two broadcasters, each on its own Redis connections as two instances are; events a few ms apart, as edits are.</summary>
    private static async Task<List<double>> RedisHopAsync(RedisServer redis, int rounds)
    {
        await using var onA = new RedisUserBroadcaster(await ConnectionMultiplexer.ConnectAsync(redis.Configuration),
            new InMemoryUserBroadcaster(NullLogger<InMemoryUserBroadcaster>.Instance, TestMeters.Create()), NullLogger<RedisUserBroadcaster>.Instance);
        await using var onB = new RedisUserBroadcaster(await ConnectionMultiplexer.ConnectAsync(redis.Configuration),
            new InMemoryUserBroadcaster(NullLogger<InMemoryUserBroadcaster>.Instance, TestMeters.Create()), NullLogger<RedisUserBroadcaster>.Instance);
        var published = new long[rounds];
        var latencies = new List<double>(rounds);
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var tab = onB.Subscribe("bench-cluster", e =>
        {
            var elapsed = Stopwatch.GetElapsedTime(published[((TasksChanged)e).TaskId!.Value]).TotalMilliseconds;
            lock (latencies)
            {
                latencies.Add(elapsed);
                if (latencies.Count == rounds) all.TrySetResult();
            }
            return Task.CompletedTask;
        });
        for (var i = 0; i < rounds; i++)
        {
            published[i] = Stopwatch.GetTimestamp();
            onA.Publish("bench-cluster", new TasksChanged(i, ChangeKind.Updated));
            await Task.Delay(2);
        }
        await all.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return latencies;
    }
}
