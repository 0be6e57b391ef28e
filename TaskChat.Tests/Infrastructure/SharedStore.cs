using Npgsql;
using TaskChat.Core.Chat;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// The database the instances of a <see cref="Cluster"/> share: what each instance is told to use it,
/// and the one place a test reads it behind their backs. Everything store-specific a cluster test
/// needs lives here, so a test runs against another store by being handed another case.
/// </summary>
public abstract class SharedStore : IAsyncDisposable
{
    /// <summary>The folder every instance is started on (SQLite: the database file and the keys), or
    /// null for a folder of each instance's own, as on machines of their own.</summary>
    public abstract string? DataDirectory { get; }

    /// <summary>Settings instance number <paramref name="instance"/> gets on top of the test's own.</summary>
    public abstract IReadOnlyDictionary<string, string> SettingsFor(int instance);

    /// <summary>A chat message's status and text as saved, read from the store itself (any or no instance running).</summary>
    public abstract Task<(MessageStatus Status, string Text)> MessageAsync(long messageId);

    public abstract ValueTask DisposeAsync();

    /// <summary>One SQLite file in one folder, as instances on one machine share it today.</summary>
    /// <param name="folder">An existing folder to share; a fresh one, deleted on dispose, by default.</param>
    public static SharedStore Sqlite(string? folder = null) => new SqliteStore(folder);

    /// <summary>
    /// An empty database of its own on the test run's PostgreSQL server, migrated by the first
    /// instance as in production and dropped on dispose. Each instance gets its own folder and home,
    /// so nothing but the database (where the sign-in keys are too) joins them.
    /// </summary>
    public static async Task<SharedStore> PostgresAsync()
    {
        var server = await PostgresServer.SharedAsync();
        return new PostgresStore(server, await server.CreateDatabaseAsync(migrated: false));
    }

    private sealed class SqliteStore(string? folder) : SharedStore
    {
        private readonly bool owned = folder is null;

        public override string DataDirectory { get; } = folder ?? Directory.CreateTempSubdirectory("taskchat-cluster-").FullName;

        // AppServer already points every instance at taskchat.db in its data folder.
        public override IReadOnlyDictionary<string, string> SettingsFor(int instance) => new Dictionary<string, string>();

        public override Task<(MessageStatus Status, string Text)> MessageAsync(long messageId) =>
            AppDatabase.MessageAsync(Path.Combine(DataDirectory, "taskchat.db"), messageId);

        public override ValueTask DisposeAsync()
        {
            if (owned)
                try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresStore(PostgresServer server, string connectionString) : SharedStore
    {
        private readonly List<string> homes = [];

        public override string? DataDirectory => null;

        // Without the keys in the database, ASP.NET Core would keep them in ~/.aspnet, which
        // processes on one machine would share: a home each proves they come from the database.
        public override IReadOnlyDictionary<string, string> SettingsFor(int instance)
        {
            string home;
            lock (homes)
            {
                homes.Add(Directory.CreateTempSubdirectory("taskchat-home-").FullName);
                home = homes[^1];
            }
            return AppServer.OnPostgres(connectionString, new Dictionary<string, string> { ["HOME"] = home });
        }

        public override async Task<(MessageStatus Status, string Text)> MessageAsync(long messageId)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""SELECT "Status", "Text" FROM "ChatMessages" WHERE "Id" = @id""", connection);
            command.Parameters.AddWithValue("id", messageId);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), $"message {messageId} is not in the database");
            return ((MessageStatus)reader.GetInt32(0), reader.GetString(1));
        }

        public override async ValueTask DisposeAsync()
        {
            await server.DropDatabaseAsync(connectionString);
            foreach (var home in homes)
                try { Directory.Delete(home, recursive: true); } catch (IOException) { }
        }
    }
}
