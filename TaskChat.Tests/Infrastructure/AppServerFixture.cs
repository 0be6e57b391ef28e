namespace TaskChat.Tests.Infrastructure;

/// <summary>One app process shared by a test class (class fixture).</summary>
public class AppServerFixture : IAsyncLifetime
{
    private readonly IDictionary<string, string>? settings;

    public AppServerFixture()
    {
    }

    /// <summary>For a fixture whose app runs with settings of its own (tight limits, a short pause).</summary>
    protected AppServerFixture(IDictionary<string, string> settings) => this.settings = settings;

    public AppServer App { get; private set; } = default!;

    public async Task InitializeAsync() => App = await AppServer.StartAsync(settings);

    public async Task DisposeAsync() => await App.DisposeAsync();
}
