using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskChat.Core;
using TaskChat.Core.Data;
using TaskChat.Core.Tasks;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// The real app, built by this solution, run as its own process on a free loopback port with a
/// fresh database file: what a user gets, not an in-memory test host.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private Process process = null!;
    private readonly StringBuilder output = new();
    private readonly string dataDirectory;
    private readonly IDictionary<string, string>? settings;

    private readonly bool ownsData;

    private AppServer(Uri baseAddress, string dataDirectory, bool ownsData, IDictionary<string, string>? settings)
    {
        BaseAddress = baseAddress;
        this.dataDirectory = dataDirectory;
        this.ownsData = ownsData;
        this.settings = settings;
    }

    public string DataDirectory => dataDirectory;

    /// <summary>Core's services over this app's database, for tests that seed or read it directly.</summary>
    public ServiceProvider CoreServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (settings?.TryGetValue("Database:Provider", out var provider) == true && provider == nameof(DatabaseProvider.Postgres))
            services.AddTaskChatCore(settings["ConnectionStrings:Default"], provider: DatabaseProvider.Postgres);
        else
            services.AddTaskChatCore($"Data Source={DatabasePath}");
        return services.BuildServiceProvider();
    }

    /// <summary>Adds a task for the account with <paramref name="email"/> straight to the database, as if made in another tab.</summary>
    public async Task AddTaskAsync(string email, string title)
    {
        await using var core = CoreServices();
        await using var db = await core.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        await core.GetRequiredService<TaskService>().CreateAsync(user.Id, new TaskDraft(title));
    }

    /// <summary>A user's tasks as the app has them now (first page, open ones first), read straight from its database.</summary>
    public async Task<IReadOnlyList<TaskItem>> TasksOfAsync(string userId)
    {
        await using var core = CoreServices();
        return (await core.GetRequiredService<TaskService>().QueryAsync(userId, new TaskQuery())).Items;
    }

    /// <summary>Settings that start the app on a PostgreSQL database (see <see cref="PostgresServer.CreateDatabaseAsync"/>).</summary>
    public static Dictionary<string, string> OnPostgres(string connectionString, IDictionary<string, string>? more = null) =>
        new(more ?? new Dictionary<string, string>())
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Postgres),
            ["ConnectionStrings:Default"] = connectionString,
        };

    public int ProcessId => process.Id;

    /// <summary>The app's resident memory (VmRSS), in KB: what the server costs the machine.</summary>
    public long ResidentKilobytes =>
        long.Parse(File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);

    public Uri BaseAddress { get; }
    /// <summary>The SQLite file (unless started <see cref="OnPostgres"/>).</summary>
    public string DatabasePath => Path.Combine(dataDirectory, "taskchat.db");
    public string Output { get { lock (output) return output.ToString(); } }

    /// <param name="dataDirectory">A folder to share with another instance (its database and keys); a fresh one by default.</param>
    public static async Task<AppServer> StartAsync(IDictionary<string, string>? settings = null, string? dataDirectory = null)
    {
        var owned = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("taskchat-app-").FullName;
        if (!File.Exists(Executable))
            throw new FileNotFoundException("Build the solution first: the web app is not at " + Executable);

        // A probed port can be taken by another test's server before ours binds it: then ours
        // exits, and we try another.
        for (var attempt = 1; ; attempt++)
        {
            var server = new AppServer(new Uri($"http://127.0.0.1:{Loopback.FreePort()}/"), dataDirectory, owned, settings);
            server.Launch();
            try
            {
                await server.WaitUntilReadyAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && server.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                server.process.Dispose();
            }
            catch
            {
                // An app that hangs at start-up (or fails for another reason) must not outlive the
                // test run, holding its port and files.
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Stops the app as an operator would (SIGTERM: the host shuts down in order) or as a
    /// crash does (SIGKILL: nothing runs after it).</summary>
    public async Task StopAsync(bool graceful)
    {
        if (process.HasExited) return;
        if (graceful) Assert.Equal(0, Signals.Send(process.Id, Signals.Terminate));
        else process.Kill(entireProcessTree: true);
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException("The app did not stop within 30 s:\n" + Output, e);
        }
    }

    /// <summary>Starts the app again at the same address over the same database and keys, as a
    /// restarted server: open tabs find it where they left it.</summary>
    public async Task RestartAsync()
    {
        await StopAsync(graceful: false);
        process.Dispose();
        lock (output) output.Clear();
        Launch();
        await WaitUntilReadyAsync();
    }

    /// <summary>Runs the app binary once as a command-line tool (e.g. copy-to-postgres) and waits for it to exit.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunCommandAsync(IDictionary<string, string> settings, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable) { WorkingDirectory = RepoPaths.WebAppDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await errors);
    }

    private static string Executable => Path.Combine(RepoPaths.WebAppDirectory, "TaskChat.Web");

    private void Launch()
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = RepoPaths.WebAppDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(dataDirectory, "taskchat.db")}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Tests register and sign in far more often than people do, all from 127.0.0.1: generous
        // limits unless a test sets its own (the rate-limit and sign-in pause tests do).
        foreach (var (key, value) in GenerousLimits)
            start.Environment[key.Replace(":", "__")] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key.Replace(":", "__")] = value;

        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private static readonly Dictionary<string, string> GenerousLimits = new()
    {
        ["RateLimits:SignInsPerMinute"] = "100000",
        ["RateLimits:RegistrationsPerHour"] = "100000",
        ["RateLimits:PasswordChecksPerMinute"] = "100000",
        ["Accounts:MaxFailedSignIns"] = "1000",
    };

    /// <param name="from">A loopback address to connect from (127.0.0.2, …): another client address to the app.</param>
    public HttpClient CreateClient(bool followRedirects = false, CookieContainer? cookies = null, IPAddress? from = null) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            CookieContainer = cookies ?? new CookieContainer(),
            UseCookies = true,
            ConnectCallback = from is null ? null : async (context, cancel) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancel);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = BaseAddress };

    private async Task WaitUntilReadyAsync()
    {
        using var client = CreateClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                // HasExited can turn true before the last lines are read from the pipes; this waits
                // for both to reach their end, so the message carries what the app said.
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"The app exited with code {process.ExitCode}:\n{Output}");
            }
            try
            {
                // Our own log must name our address: another test's app could have taken the port
                // and would answer the request just as well.
                var response = await client.GetAsync("account/login");
                if (response.IsSuccessStatusCode && Output.Contains($"Now listening on: {BaseAddress.ToString().TrimEnd('/')}")) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The app did not start within 60 s:\n" + Output);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        if (!ownsData) return;
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
    }
}
