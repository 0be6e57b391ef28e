using TaskChat.Core.Data;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// A fresh database with one user, "ada", for each test: SQLite unless the test class asks for
/// PostgreSQL (see <see cref="ProviderFactAttribute"/> for classes that run on both).
/// </summary>
public abstract class OneUserDatabaseTest(DatabaseProvider provider = DatabaseProvider.Sqlite) : IAsyncLifetime
{
    protected TestDatabase Db { get; private set; } = default!;
    protected string User { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync(provider: provider);
        User = await Db.AddUserAsync("ada@example.com");
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();
}
