using TaskChat.Core.Chat;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// The database the instances of a <see cref="Cluster"/> share: what each instance is told to use it,
/// and the one place a test reads it behind their backs. Everything store-specific a cluster test
/// needs lives here, so a test runs against another store by being handed another case.
/// </summary>
public abstract class SharedStore : IAsyncDisposable
{
    /// <summary>A folder all instances are started on (their data-protection keys; for SQLite, the database file too).</summary>
    public abstract string DataDirectory { get; }

    /// <summary>Settings every instance gets on top of the test's own.</summary>
    public abstract IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>A chat message's status and text as saved, read from the store itself (any or no instance running).</summary>
    public abstract Task<(MessageStatus Status, string Text)> MessageAsync(long messageId);

    public abstract ValueTask DisposeAsync();

    /// <summary>One SQLite file in one folder, as instances on one machine share it today.</summary>
    /// <param name="folder">An existing folder to share; a fresh one, deleted on dispose, by default.</param>
    public static SharedStore Sqlite(string? folder = null) => new SqliteStore(folder);

    private sealed class SqliteStore(string? folder) : SharedStore
    {
        private readonly bool owned = folder is null;

        public override string DataDirectory { get; } = folder ?? Directory.CreateTempSubdirectory("taskchat-cluster-").FullName;

        // AppServer already points every instance at taskchat.db in its data folder.
        public override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

        public override Task<(MessageStatus Status, string Text)> MessageAsync(long messageId) =>
            AppDatabase.MessageAsync(Path.Combine(DataDirectory, "taskchat.db"), messageId);

        public override ValueTask DisposeAsync()
        {
            if (owned)
                try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
            return ValueTask.CompletedTask;
        }
    }
}
