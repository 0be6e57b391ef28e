using System.Net.Http.Json;
using System.Text.Json;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Browser;

/// <summary>
/// Two instances behind Caddy configured by the README's example (docs/deploy/Caddyfile): a browser
/// stays on one instance, its devices stay in sync, and when its instance dies the tab moves to the
/// other one by itself, still signed in, with nothing lost.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReverseProxyBrowserTests(BrowserFixture browsers)
{
    [BrowserRedisAndCaddyFact]
    public async Task A_tab_whose_instance_dies_comes_back_on_the_other_one_signed_in()
    {
        await using var redis = await RedisServer.StartAsync();
        var shared = new Dictionary<string, string> { ["Sync:Redis"] = redis.Configuration };
        await using var first = await AppServer.StartAsync(shared);
        await using var second = await AppServer.StartAsync(shared, first.DataDirectory);
        await using var proxy = await CaddyServer.StartAsync(first, second);

        var laptop = new DashboardPage(await browsers.NewPageAsync(proxy.BaseAddress));
        var email = DashboardPage.NewEmail();
        await laptop.RegisterAsync(email);
        await laptop.AddAsync("Before the outage");

        // Pinned: a reload (a new page request, negotiation and WebSocket) lands on the same instance.
        var home = await InstanceHoldingOneTabAsync(first, second);
        await laptop.ReloadAsync();
        Assert.Same(home, await InstanceHoldingOneTabAsync(first, second));

        var phone = new DashboardPage(await browsers.NewPageAsync(proxy.BaseAddress));
        await phone.SignInAsync(email);
        await Expect(phone.Row("Before the outage")).ToHaveCountAsync(1);

        await home.StopAsync(graceful: false);

        // The laptop's circuit died with its instance: it reconnects through the proxy, is refused
        // by the survivor (which never knew that circuit), reloads, and is served there.
        var survivor = home == first ? second : first;
        await Expect(laptop.Page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 45_000 });
        await Expect(laptop.Row("Before the outage")).ToHaveCountAsync(1);
        await Eventually.TrueAsync(async () => await TabsAsync(survivor) >= 1, "the laptop's tab on the surviving instance", TimeSpan.FromSeconds(30));

        await laptop.AddAsync("After the outage");
        await Expect(phone.Row("After the outage")).ToHaveCountAsync(1);
    }

    // Exactly one instance holds the laptop's one live tab; /health counts them per instance.
    private static async Task<AppServer> InstanceHoldingOneTabAsync(AppServer first, AppServer second)
    {
        AppServer? holder = null;
        await Eventually.TrueAsync(async () =>
        {
            var (a, b) = (await TabsAsync(first), await TabsAsync(second));
            holder = (a, b) switch { (1, 0) => first, (0, 1) => second, _ => null };
            return holder is not null;
        }, "one tab on exactly one instance");
        return holder!;
    }

    private static async Task<int> TabsAsync(AppServer app)
    {
        using var http = app.CreateClient();
        var health = await http.GetFromJsonAsync<JsonElement>("health");
        return health.GetProperty("subscriptions").GetProperty("tabs").GetInt32();
    }
}
