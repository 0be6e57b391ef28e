namespace TaskChat.Tests.Infrastructure;

/// <summary>An app process whose assistant is a scripted OpenAI-compatible server, shared by a test class.</summary>
public sealed class ScriptedAppFixture : IAsyncLifetime
{
    public ScriptedOpenAIServer Provider { get; private set; } = default!;
    public AppServer App { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Provider = await ScriptedOpenAIServer.StartAsync();
        if (Chromium.Path is null && !Chromium.Required) return; // the browser tests using it are skipped
        App = await AppServer.StartAsync(new Dictionary<string, string>
        {
            ["Assistant:Provider"] = "OpenAICompatible",
            ["Assistant:Endpoint"] = Provider.Endpoint.ToString(),
            ["Assistant:Model"] = "scripted-model",
            ["Assistant:MaxRetries"] = "0",
        });
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
