namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// Several real app processes acting as one service: one shared store, one Redis for live events.
/// An instance can be killed as a crash kills it (SIGKILL) and started again at its address. The
/// cluster owns the store it is given and its Redis: both go with it on dispose.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly List<AppServer> instances = [];

    private Cluster(SharedStore store, RedisServer redis)
    {
        Store = store;
        Redis = redis;
    }

    public SharedStore Store { get; }
    public RedisServer Redis { get; }
    public IReadOnlyList<AppServer> Instances => instances;
    public AppServer this[int index] => instances[index];

    /// <param name="settings">Given to every instance, after the store's and Redis's (so a test can override them).</param>
    public static async Task<Cluster> StartAsync(int count, SharedStore store, IDictionary<string, string>? settings = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        RedisServer redis;
        try
        {
            redis = await RedisServer.StartAsync();
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
        var cluster = new Cluster(store, redis);
        try
        {
            var test = settings ?? new Dictionary<string, string>();
            Task<AppServer> Start(int instance)
            {
                var own = new Dictionary<string, string>(store.SettingsFor(instance)) { ["Sync:Redis"] = cluster.Redis.Configuration };
                foreach (var (key, value) in test) own[key] = value;
                return AppServer.StartAsync(own, store.DataDirectory);
            }
            // The first one creates and migrates the database; the others then start side by side.
            cluster.instances.Add(await Start(0));
            var others = Enumerable.Range(1, count - 1).Select(Start).ToArray();
            try
            {
                await Task.WhenAll(others);
            }
            finally
            {
                // Those that did start are stopped with the rest if another one failed.
                cluster.instances.AddRange(others.Where(o => o.IsCompletedSuccessfully).Select(o => o.Result));
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills an instance with SIGKILL: nothing of its own shutdown runs, as in a crash or an OOM kill.</summary>
    public Task KillAsync(int index) => instances[index].StopAsync(graceful: false);

    /// <summary>Starts a killed (or running) instance again at the same address, over the same store.</summary>
    public Task RestartAsync(int index) => instances[index].RestartAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in instances) await instance.DisposeAsync();
        await Redis.DisposeAsync();
        await Store.DisposeAsync();
    }
}
