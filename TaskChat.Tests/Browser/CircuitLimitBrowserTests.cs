using System.Net.Http.Json;
using System.Text.Json;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Browser;

/// <summary>Hosting:MaxCircuitsPerUser: the tab past the cap says why, holds no dashboard, and gets in once another closes.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CircuitLimitBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task Past_the_cap_a_tab_is_told_why_and_gets_in_once_another_tab_closes()
    {
        await using var app = await AppServer.StartAsync(new Dictionary<string, string> { ["Hosting:MaxCircuitsPerUser"] = "2" });
        var first = new DashboardPage(await fixture.NewPageAsync(app));
        await first.RegisterAsync(DashboardPage.NewEmail());
        var second = await OpenTabAsync(first);
        await Expect(second.Page.GetByTestId("task-list")).ToBeVisibleAsync();
        await WaitForTabsAsync(app, 2);

        var third = await OpenTabAsync(first);
        var notice = third.Page.GetByTestId("circuit-limit");
        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync("already has 2 TaskChat tabs or windows open");
        await Expect(third.Page).ToHaveTitleAsync("Too many tabs · TaskChat");
        await Expect(third.Page.GetByTestId("task-list")).ToHaveCountAsync(0);
        await Expect(third.Page.GetByTestId("chat-input")).ToHaveCountAsync(0);
        await Expect(third.Page.GetByTestId("page-error")).ToHaveCountAsync(0);
        Assert.Equal(2, await TabsAsync(app)); // the refused tab subscribed to nothing
        await AxeAudit.AssertNoSeriousViolationsAsync(third.Page, "the circuit-limit notice");

        // Another account is counted on its own.
        var other = new DashboardPage(await fixture.NewPageAsync(app));
        await other.RegisterAsync(DashboardPage.NewEmail());
        await Expect(other.Page.GetByTestId("task-list")).ToBeVisibleAsync();
        await WaitForTabsAsync(app, 3);

        // A tab closes (its circuit with it): "Try again" gets in. A closing page tells the server
        // through Blazor's disconnect beacon, sent from its pagehide handler; on a loaded machine the
        // browser may end the renderer before that handler runs (and the server then keeps the
        // circuit for its 3-minute retention), so the beacon is sent first, as the browser would.
        await second.Page.EvaluateAsync("() => Blazor.disconnect()");
        await second.Page.CloseAsync();
        await WaitForTabsAsync(app, 2);
        await third.Page.GetByTestId("circuit-limit-retry").ClickAsync();
        await Expect(third.Page.GetByTestId("task-list")).ToBeVisibleAsync();
        await third.WaitUntilConnectedAsync();
        await Expect(third.Page.GetByTestId("circuit-limit")).ToHaveCountAsync(0);
        await third.AddAsync("Back in after a tab closed");
        await WaitForTabsAsync(app, 3);
    }

    private static async Task<DashboardPage> OpenTabAsync(DashboardPage signedIn)
    {
        var tab = new DashboardPage(await signedIn.Page.Context.NewPageAsync());
        await tab.Page.GotoAsync("/");
        await tab.WaitUntilConnectedAsync();
        return tab;
    }

    // The dashboards subscribed to live updates, as /health counts them: a closed circuit's
    // dashboard unsubscribes after the circuit's handlers (its count) have let it go.
    private static async Task<int> TabsAsync(AppServer app)
    {
        using var http = app.CreateClient();
        var health = await http.GetFromJsonAsync<JsonElement>("health");
        return health.GetProperty("subscriptions").GetProperty("tabs").GetInt32();
    }

    private static Task WaitForTabsAsync(AppServer app, int expected) =>
        Eventually.TrueAsync(async () => await TabsAsync(app) == expected, $"{expected} subscribed tabs on /health", TimeSpan.FromSeconds(30));
}
