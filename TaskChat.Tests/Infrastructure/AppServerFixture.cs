namespace TaskChat.Tests.Infrastructure;

/// <summary>One app process shared by a test class (class fixture).</summary>
public sealed class AppServerFixture : IAsyncLifetime
{
    public AppServer App { get; private set; } = default!;

    public async Task InitializeAsync() => App = await AppServer.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
