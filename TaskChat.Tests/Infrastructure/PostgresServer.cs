using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TaskChat.Core;
using TaskChat.Core.Data;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server (Debian's package) in a temporary data folder on a free loopback port,
/// one per test run: initdb, start-up and the template's migration cost a few seconds once
/// (TestDatabaseBenchmark), a database for one test tens of milliseconds, because each test gets
/// its own database copied from that migrated template (<see cref="CreateDatabaseAsync"/>). The server is stopped and its folder deleted when the test
/// process exits. Tests that need it skip with the reason when it is not installed, unless CI
/// requires it (TASKCHAT_REQUIRE_POSTGRES=1).
/// </summary>
public sealed class PostgresServer
{
    private const string Template = "taskchat_template";
    private const string Superuser = "postgres";
    private const string FolderPrefix = "taskchat-postgres-";

    private static readonly Lazy<Task<PostgresServer>> shared = new(StartAsync);

    private readonly Process process;
    private readonly string folder;

    private PostgresServer(Process process, string folder, int port)
    {
        this.process = process;
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>initdb, start and the template's migration, for the report.</summary>
    public TimeSpan StartedIn { get; private set; }

    /// <summary>The newest installed server's bin folder, e.g. /usr/lib/postgresql/15/bin; null without one.</summary>
    public static string? BinDirectory { get; } = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "postgres")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault()
        : null;

    /// <summary>PostgreSQL refuses to run as root: then it runs as Debian's "postgres" user, which the package creates.</summary>
    private static bool AsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    public static bool Available => BinDirectory is not null && (!AsRoot || File.ReadLines("/etc/passwd").Any(l => l.StartsWith(Superuser + ":", StringComparison.Ordinal)));

    /// <summary>The server shared by every test in this run, started on first use.</summary>
    public static Task<PostgresServer> SharedAsync() => shared.Value;

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
    }.ConnectionString;

    /// <summary>
    /// A new database of its own, migrated (a copy of the template) or empty
    /// (from template1, as `createdb` makes it); returns its connection string.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        var name = "t" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name}" + (migrated ? $" TEMPLATE {Template}" : ""));
        return ConnectionString(name);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>Runs a statement on the server's maintenance database ("postgres").</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (!Available) throw new InvalidOperationException("TASKCHAT_REQUIRE_POSTGRES=1 is set, but " + PostgresFactAttribute.MissingReason);
        var clock = Stopwatch.StartNew();
        SweepStoppedServers();
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        // The server's own user creates data/ inside (initdb wants it owned by that user, 0700).
        if (AsRoot && !OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        var data = Path.Combine(folder, "data");
        // C.UTF-8 ships with every glibc: lower() folds non-ASCII letters, as TaskChat requires.
        await RunToEndAsync("initdb", $"-D {data} --locale=C.UTF-8 --encoding=UTF8 --auth=trust --username={Superuser} --no-sync --no-instructions");

        for (var attempt = 1; ; attempt++)
        {
            var port = Loopback.FreePort();
            if (await TryStartAsync(data, port) is { } process)
            {
                var server = new PostgresServer(process, folder, port);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
                await server.CreateTemplateAsync();
                server.StartedIn = clock.Elapsed;
                return server;
            }
            if (attempt == 5) throw new InvalidOperationException($"postgres did not start after {attempt} attempts.");
        }
    }

    /// <summary>
    /// Not durable on purpose (no fsync, no full-page writes): a test database lives seconds and a
    /// crash loses nothing worth keeping. No Unix socket: only the loopback port.
    /// </summary>
    private static async Task<Process?> TryStartAsync(string data, int port)
    {
        var process = Start("postgres",
            $"-D {data} -p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= " +
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300");
        if (await WaitForReadyAsync(process, TimeSpan.FromSeconds(20))) return process;
        if (!process.HasExited) process.Kill();
        return null;
    }

    /// <summary>
    /// Its log goes to standard error: read until it is ready (it may have lost the port to another
    /// server in between), then keep draining it so a full pipe never blocks the server.
    /// </summary>
    private static async Task<bool> WaitForReadyAsync(Process process, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardError.ReadLineAsync(deadline.Token) is { } line)
            {
                if (!line.Contains("database system is ready to accept connections", StringComparison.Ordinal)) continue;
                _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
                return true;
            }
        }
        catch (OperationCanceledException)
        {
        }
        return false;
    }

    private async Task CreateTemplateAsync()
    {
        await ExecuteAsync($"CREATE DATABASE {Template}");
        var services = new ServiceCollection().AddLogging().AddTaskChatCore(ConnectionString(Template), provider: DatabaseProvider.Postgres).BuildServiceProvider();
        await using (services) await services.MigrateDatabaseAsync();
        // CREATE DATABASE ... TEMPLATE refuses while anyone is connected to the template.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>
    /// Runs as the test process exits, which leaves it a fraction of a second before it is killed:
    /// SIGQUIT is PostgreSQL's immediate shutdown (the postmaster takes its backends down at once,
    /// no checkpoint), then the folder goes. What is left over is swept at the next start.
    /// </summary>
    private void Stop()
    {
        try
        {
            if (!process.HasExited)
            {
                Signals.Send(process.Id, Signals.Quit);
                process.WaitForExit(5_000);
            }
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The process is exiting: a folder left in /tmp is swept by the next run.
        }
    }

    /// <summary>
    /// The test host may end without running <see cref="Stop"/> to its end (it is killed once the
    /// run is over): data folders of servers no longer running (no postmaster.pid) are deleted at
    /// the next start. Only old ones: a folder a moment old may be another run's, still in initdb.
    /// </summary>
    private static void SweepStoppedServers()
    {
        foreach (var stale in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(FolderPrefix + "*"))
        {
            if (DateTime.UtcNow - stale.CreationTimeUtc < TimeSpan.FromMinutes(10) || File.Exists(Path.Combine(stale.FullName, "data", "postmaster.pid"))) continue;
            try { stale.Delete(recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    private static async Task RunToEndAsync(string binary, string arguments)
    {
        using var process = Start(binary, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{binary} {arguments} failed ({process.ExitCode}): {await output}{await errors}");
    }

    /// <summary>As root through setpriv, which execs the binary as "postgres" (no extra parent process to signal).</summary>
    private static Process Start(string binary, string arguments)
    {
        var path = Path.Combine(BinDirectory!, binary);
        var start = AsRoot
            ? new ProcessStartInfo("setpriv", $"--reuid={Superuser} --regid={Superuser} --init-groups -- {path} {arguments}")
            : new ProcessStartInfo(path, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        // initdb and postgres take their locale from here when not told otherwise.
        start.Environment["LC_ALL"] = "C.UTF-8";
        return Process.Start(start)!;
    }
}
