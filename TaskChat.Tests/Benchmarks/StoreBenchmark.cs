using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using TaskChat.Core.Assistant.Offline;
using TaskChat.Core.Chat;
using TaskChat.Core.Data;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TaskChat.Tests.Benchmarks;

/// <summary>
/// Each store under concurrent writers, through the services the app uses: a real, migrated SQLite
/// file with the app's pragmas, and a database on the test run's PostgreSQL server, both with the
/// app's busy timeout. In the browser collection only so that it never runs at the same time as
/// another benchmark.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class StoreBenchmark(ITestOutputHelper output)
{
    private const int Writers = 8;
    private const int OperationsPerWriter = 200;
    private const int TasksPerUser = 20;

    [BenchmarkFact]
    public async Task Message_inserts_and_task_updates_under_8_concurrent_writers()
    {
        var report = new BenchmarkReport();
        var errors = 0;
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            // One writer first: what a write costs when nothing waits for a lock, to compare with.
            await MeasureAsync(provider, 1, report);
            errors += await MeasureAsync(provider, Writers, report);
        }
        output.WriteLine(report.Write());
        Assert.Equal(0, errors);
    }

    private static async Task<int> MeasureAsync(DatabaseProvider provider, int writerCount, BenchmarkReport report)
    {
        await using var db = await TestDatabase.CreateAsync(provider: provider); // busy timeout 5,000 ms, as appsettings.json
        var threads = db.Get<ThreadService>();
        var store = db.Get<MessageStore>();

        // One user per writer, as people using the app at once would be.
        var writers = new List<(string User, int Thread, int[] Tasks)>();
        for (var w = 0; w < writerCount; w++)
        {
            var user = await db.AddUserAsync($"writer{w}@example.com");
            var thread = await threads.CreateAsync(user);
            var tasks = new int[TasksPerUser];
            for (var t = 0; t < TasksPerUser; t++) tasks[t] = (await db.Tasks.CreateAsync(user, new TaskDraft($"Task {t} of writer {w}"))).Id;
            writers.Add((user, thread.Id, tasks));
        }

        var inserts = new ConcurrentBag<double>();
        var updates = new ConcurrentBag<double>();
        var errors = new ConcurrentBag<Exception>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = writers.Select((writer, w) => Task.Run(async () =>
        {
            await start.Task;
            for (var i = 0; i < OperationsPerWriter; i++)
            {
                var insert = i % 2 == 0;
                var watch = Stopwatch.StartNew();
                try
                {
                    if (insert)
                        await store.BeginTurnAsync(writer.User, writer.Thread, $"Question {i} from writer {w}", OfflineChatClient.ProviderName, OfflineChatClient.ModelId);
                    else
                        await db.Tasks.UpdateAsync(writer.User, writer.Tasks[i / 2 % TasksPerUser], new TaskPatch { Title = $"Task {i} of writer {w}, renamed" });
                }
                catch (Exception e) when (e is StoreBusyException or SqliteException or Npgsql.NpgsqlException)
                {
                    errors.Add(e);
                    continue;
                }
                (insert ? inserts : updates).Add(watch.Elapsed.TotalMilliseconds);
            }
        })).ToList();
        start.SetResult();
        await Task.WhenAll(running);

        var who = writerCount == 1 ? "1 writer alone" : $"{writerCount} concurrent writers";
        var target = writerCount == 1 ? null : "p99 ≤ 20";
        var name = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
        report.Add($"{name}: message insert (MessageStore.BeginTurnAsync), {who}", [.. inserts], "ms", target);
        report.Add($"{name}: task update (TaskService.UpdateAsync), {who}", [.. updates], "ms", target);
        if (writerCount > 1)
            report.Add($"{name}: busy / lock errors in {writerCount * OperationsPerWriter} writes", [errors.Count], "", "0");
        return errors.Count;
    }
}
