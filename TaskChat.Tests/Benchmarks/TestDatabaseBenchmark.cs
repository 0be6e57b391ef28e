using System.Diagnostics;
using TaskChat.Core.Data;
using TaskChat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TaskChat.Tests.Benchmarks;

/// <summary>
/// What the test fixtures cost: the PostgreSQL server's start (initdb, start, the template's
/// migration) and a fresh migrated database with one user per test, on each provider.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class TestDatabaseBenchmark(ITestOutputHelper output)
{
    private const int Runs = 40;

    [BenchmarkFact]
    public async Task A_fresh_database_per_test_on_each_provider()
    {
        var report = new BenchmarkReport();
        if (PostgresServer.Available)
            report.Add("tests: PostgreSQL server start (initdb + start + template)", [(await PostgresServer.SharedAsync()).StartedIn.TotalMilliseconds], "ms");
        foreach (var provider in PostgresServer.Available ? [DatabaseProvider.Sqlite, DatabaseProvider.Postgres] : new[] { DatabaseProvider.Sqlite })
        {
            var samples = new List<double>();
            for (var run = 0; run < Runs + 1; run++)
            {
                var clock = Stopwatch.StartNew();
                await using (var db = await TestDatabase.CreateAsync(provider: provider))
                    await db.AddUserAsync("ada@example.com");
                if (run > 0) samples.Add(clock.Elapsed.TotalMilliseconds); // the first warms the JIT and pools
            }
            report.Add($"tests: fresh {provider} database + one user, created and dropped", samples, "ms");
        }
        output.WriteLine(report.Write());
    }
}
