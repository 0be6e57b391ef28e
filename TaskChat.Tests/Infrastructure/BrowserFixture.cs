using Microsoft.Playwright;

namespace TaskChat.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>One app process and one Chromium for all browser tests; each test gets fresh users and contexts.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public AppServer App { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (Chromium.Path is not { } chromium)
        {
            // The tests are skipped (BrowserFact) unless a browser is required; then they must fail.
            if (Chromium.Required) throw new InvalidOperationException("TASKCHAT_REQUIRE_BROWSER=1 but no Chromium was found.");
            return;
        }
        App = await AppServer.StartAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = Chromium.Args });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>
    /// A new, cookie-less browser context (another device or another person) on the shared app or
    /// <paramref name="app"/>, its system set to light (the default) or dark.
    /// </summary>
    public Task<IPage> NewPageAsync(AppServer? app = null, ColorScheme colorScheme = ColorScheme.Light) =>
        NewPageAsync((app ?? App).BaseAddress, colorScheme);

    /// <summary>The same, on any address (a reverse proxy in front of instances).</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString(),
            TimezoneId = "Europe/London",
            ColorScheme = colorScheme,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}
