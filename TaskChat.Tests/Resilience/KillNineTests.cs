using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Resilience;

/// <summary>
/// The app is killed with SIGKILL at a random moment while a person adds tasks and chats. Every
/// write the user saw acknowledged (the row appeared, the answer completed) must be in the file
/// afterwards, the file must pass integrity_check, and the app must start again on it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KillNineTests(BrowserFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int MinTasks = 5;
    private const int MinMessages = 2;

    [BrowserFact]
    public async Task Acknowledged_writes_survive_kill_minus_nine_and_the_app_restarts_on_the_same_file()
    {
        var random = new Random();
        var totals = (Acknowledged: 0, Lost: 0);
        for (var iteration = 1; iteration <= 3; iteration++)
        {
            var dataDirectory = Directory.CreateTempSubdirectory("taskchat-kill-").FullName;
            try
            {
                var email = DashboardPage.NewEmail();
                var app = await AppServer.StartAsync(new Dictionary<string, string> { ["Assistant:Provider"] = "Offline" }, dataDirectory);
                var page = new DashboardPage(await fixture.NewPageAsync(app));
                await page.RegisterAsync(email);

                var tasks = new List<string>();
                var messages = new List<string>();
                string? inFlight = null;
                var killed = false;
                // The kill waits for this much acknowledged work (a signal, not a guess at timing),
                // so every run checks real writes of both kinds rather than passing on none.
                var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using var stop = new CancellationTokenSource();
                var workload = Task.Run(async () =>
                {
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        if (i % 4 == 3)
                        {
                            var text = $"hello number {i}";
                            inFlight = "message: " + text;
                            var answer = await page.AskAsync(text);
                            var status = await answer.GetAttributeAsync("data-status");
                            if (status == "complete") lock (messages) messages.Add(text);
                            else if (!Volatile.Read(ref killed)) throw new InvalidOperationException($"The answer to \"{text}\" ended {status} before any kill.");
                        }
                        else
                        {
                            var title = $"Kill test task {i}";
                            inFlight = "task: " + title;
                            await page.AddAsync(title);
                            await Expect(page.Row(title)).ToHaveCountAsync(1);
                            lock (tasks) tasks.Add(title);
                        }
                        inFlight = null;
                        lock (tasks) lock (messages)
                            if (tasks.Count >= MinTasks && messages.Count >= MinMessages) enough.TrySetResult();
                    }
                });

                // A workload failing before the kill is a bug of the app or the test: surface it.
                var first = await Task.WhenAny(enough.Task, workload, Task.Delay(TimeSpan.FromMinutes(3)));
                if (first == workload)
                    throw new InvalidOperationException($"The workload failed before the kill, at {inFlight}: {workload.Exception!.InnerException!.Message}", workload.Exception.InnerException);
                Assert.True(first == enough.Task,
                    $"After 3 minutes only {tasks.Count} tasks and {messages.Count} messages were acknowledged (the kill needs {MinTasks} and {MinMessages}).");
                // Then a random moment, most likely mid-step.
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 3000)));
                Volatile.Write(ref killed, true);
                await app.DisposeAsync(); // Process.Kill(entireProcessTree) = SIGKILL: no shutdown code runs
                stop.Cancel();
                // Closed, the page ends the step in flight at once instead of waiting out its timeout;
                // that step was not acknowledged, so it is not counted.
                await page.Page.Context.CloseAsync();
                if (await Task.WhenAny(workload, Task.Delay(TimeSpan.FromSeconds(30))) != workload)
                    Assert.Fail("The workload did not end within 30 s of the kill.");
                // Only what a page that lost its server (or was closed) raises is expected.
                if (workload.Exception?.InnerException is { } failure)
                {
                    if (failure is not (PlaywrightException or TimeoutException or OperationCanceledException)) await workload;
                    output.WriteLine($"iteration {iteration}: the step in flight ended with {failure.GetType().Name}");
                }

                string[] ackedTasks, ackedMessages;
                lock (tasks) ackedTasks = [.. tasks];
                lock (messages) ackedMessages = [.. messages];
                var database = Path.Combine(dataDirectory, "taskchat.db");
                var (integrity, foundTasks, foundMessages) = await InspectAsync(database);
                var lost = ackedTasks.Count(t => !foundTasks.Contains(t)) + ackedMessages.Count(m => !foundMessages.Contains(m));
                output.WriteLine($"iteration {iteration}: acknowledged {ackedTasks.Length} tasks + {ackedMessages.Length} messages; found {foundTasks.Count} tasks + {foundMessages.Count} user messages; in flight at kill: {inFlight ?? "none"}; lost {lost}; integrity_check {integrity}");
                Assert.Equal("ok", integrity);
                Assert.Equal(0, lost);
                Assert.True(ackedTasks.Length >= MinTasks && ackedMessages.Length >= MinMessages,
                    $"only {ackedTasks.Length} tasks and {ackedMessages.Length} messages were acknowledged");
                totals = (totals.Acknowledged + ackedTasks.Length + ackedMessages.Length, totals.Lost + lost);

                // The same file, a new process: it starts, and the user sees their tasks.
                await using var again = await AppServer.StartAsync(new Dictionary<string, string> { ["Assistant:Provider"] = "Offline" }, dataDirectory);
                var back = new DashboardPage(await fixture.NewPageAsync(again));
                await back.SignInAsync(email);
                await Expect(back.Rows).ToHaveCountAsync(foundTasks.Count);
                foreach (var title in ackedTasks) await Expect(back.Row(title)).ToHaveCountAsync(1);
                await back.AddAsync("After the restart");
                await back.Page.Context.CloseAsync();
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
            }
        }
        output.WriteLine($"total: {totals.Acknowledged} acknowledged writes over 3 kills, {totals.Lost} lost");
    }

    private static async Task<(string Integrity, HashSet<string> Tasks, HashSet<string> UserMessages)> InspectAsync(string database)
    {
        // Read-write (not read-only): opening replays the WAL the killed process left, as the app would.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        async Task<List<string>> Column(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var values = new List<string>();
            while (await reader.ReadAsync()) values.Add(reader.GetString(0));
            return values;
        }
        var integrity = string.Join("; ", await Column("PRAGMA integrity_check"));
        return (integrity, [.. await Column("SELECT Title FROM Tasks")], [.. await Column("SELECT Text FROM ChatMessages WHERE Role = 0 OR Role = 'User'")]);
    }
}
