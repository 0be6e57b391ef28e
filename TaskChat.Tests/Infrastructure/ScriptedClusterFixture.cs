namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// Three instances on one <see cref="SharedStore"/> and one Redis, their assistant a scripted
/// OpenAI-compatible server, shared by a test class. Answers save their heartbeat every half second
/// and a survivor takes one silent for two seconds: a crash is noticed within three, not a minute.
/// Started only where its tests can run (Chromium, redis-server and the store present); otherwise
/// they skip. Each store is a subclass (<see cref="SqliteClusterFixture"/>, <see cref="PostgresClusterFixture"/>).
/// </summary>
public abstract class ScriptedClusterFixture : IAsyncLifetime
{
    public const int Instances = 3;

    public ScriptedOpenAIServer Provider { get; private set; } = default!;
    public Cluster Cluster { get; private set; } = default!;

    /// <summary>The store the instances share.</summary>
    protected abstract Task<SharedStore> CreateStoreAsync();

    /// <summary>Why the tests skip here (and so nothing is started), or null.</summary>
    protected virtual string? SkipReason => new BrowserAndRedisFactAttribute().Skip;

    public async Task InitializeAsync()
    {
        Provider = await ScriptedOpenAIServer.StartAsync();
        if (SkipReason is not null) return;
        Cluster = await Cluster.StartAsync(Instances, await CreateStoreAsync(), new Dictionary<string, string>
        {
            ["Assistant:Provider"] = "OpenAICompatible",
            ["Assistant:Endpoint"] = Provider.Endpoint.ToString(),
            ["Assistant:Model"] = "scripted-model",
            ["Assistant:MaxRetries"] = "0",
            ["Assistant:SnapshotSeconds"] = "0.5",
            ["Assistant:InterruptAfterSeconds"] = "2",
        });
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>The three instances on one SQLite folder, as on one machine today.</summary>
public sealed class SqliteClusterFixture : ScriptedClusterFixture
{
    protected override Task<SharedStore> CreateStoreAsync() => Task.FromResult(SharedStore.Sqlite());
}

/// <summary>The three instances on one PostgreSQL database, each with a folder of its own, as on three machines.</summary>
public sealed class PostgresClusterFixture : ScriptedClusterFixture
{
    protected override Task<SharedStore> CreateStoreAsync() => SharedStore.PostgresAsync();

    protected override string? SkipReason => base.SkipReason ?? PostgresFactAttribute.SkipReason;
}
