namespace TaskChat.Tests.Infrastructure;

/// <summary>A fresh SQLite database with one user, "ada", for each test.</summary>
public abstract class OneUserDatabaseTest : IAsyncLifetime
{
    protected TestDatabase Db { get; private set; } = default!;
    protected string User { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync();
        User = await Db.AddUserAsync("ada@example.com");
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();
}
