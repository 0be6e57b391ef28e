using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Resilience;

/// <summary>
/// The server process dies while a tab is open and comes back on the same address: the tab says
/// "Reconnecting (attempt N)" and backs off between attempts (at once, then 1 s, 2 s, 4 s…), gives up
/// with a Try again button, and Try again brings it back onto a new circuit with what it showed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectBrowserTests(BrowserFixture browsers)
{
    // The app retries 60 times (about 14 minutes) before offering Try again. A test cannot wait that
    // long, so this tab gives up after four attempts; the delays between them stay the app's own.
    // Registered before any page script, so it wraps Blazor.start before taskchat.js calls it.
    private const string FewerRetries = """
        document.addEventListener("DOMContentLoaded", () => {
            const start = window.Blazor.start.bind(window.Blazor);
            window.Blazor.start = options => {
                options.circuit.reconnectionOptions.maxRetries = 4;
                return start(options);
            };
        });
        """;

    // Every attempt number the header shows, and the giving up, with the page's clock. Blazor shows
    // attempt N, waits the delay for it, then tries: the back-off is the gaps between them.
    private const string RecordAttempts = """
        window.__attempts = [];
        new MutationObserver(() => {
            const el = document.querySelector('[data-testid=connection-status]');
            const attempt = el?.dataset.state === "disconnected" ? "gave up" : el?.dataset.attempt;
            const last = window.__attempts[window.__attempts.length - 1];
            if (attempt && last?.value !== attempt) window.__attempts.push({ value: attempt, at: performance.now() });
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-attempt'] });
        """;

    [BrowserFact]
    public async Task A_killed_server_shows_reconnecting_attempts_backing_off_then_Try_again_brings_the_tab_back_once_it_is_up()
    {
        await using var app = await AppServer.StartAsync();
        var page = new DashboardPage(await browsers.NewPageAsync(app));
        await page.Page.AddInitScriptAsync(FewerRetries);
        await page.Page.AddInitScriptAsync(RecordAttempts);
        await page.RegisterAsync(DashboardPage.NewEmail());
        await page.AddAsync("Made before the crash");
        await page.Page.GetByTestId("chat-input").FillAsync("typed before the crash");
        await page.Page.EvaluateAsync("() => window.__beforeRestart = true");

        await app.StopAsync(graceful: false);

        var status = page.Page.GetByTestId("connection-status");
        var banner = page.Page.GetByTestId("reconnect-banner");
        await Expect(status).ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = 30_000 });
        await Expect(banner).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Reconnecting \(attempt [1-9]\)"));
        await Expect(page.Page.GetByTestId("chat-send")).ToHaveAttributeAsync("aria-disabled", "true");

        // Four attempts fail (nothing listens), then the tab gives up and offers Try again.
        await Expect(status).ToHaveAttributeAsync("data-state", "disconnected", new() { Timeout = 60_000 });
        var retry = page.Page.GetByTestId("reconnect-retry");
        await Expect(retry).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("Could not reconnect.");
        var attempts = await page.Page.EvaluateAsync<Attempt[]>("() => window.__attempts");
        Assert.Equal(["1", "2", "3", "4", "gave up"], attempts.Select(a => a.Value));
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b.At - a.At).ToArray();
        Console.WriteLine($"attempt 1 → 2 → 3 → 4 → gave up: {string.Join(", ", gaps.Select(ms => $"{ms:F0} ms"))}");
        // The app's schedule: the first try at once, then 1 s, 2 s, 4 s (each gap also holds a refused try).
        Assert.True(gaps[0] < 900, $"the first try waited {gaps[0]:F0} ms (at once expected)");
        Assert.True(gaps[1] >= 900, $"the second try waited {gaps[1]:F0} ms (1 s expected)");
        Assert.True(gaps[2] >= 1_900, $"the third try waited {gaps[2]:F0} ms (2 s expected)");
        Assert.True(gaps[3] >= 3_900, $"the fourth try waited {gaps[3]:F0} ms (4 s expected)");
        Assert.True(await page.Page.EvaluateAsync<bool>("() => window.__beforeRestart === true")); // no reload on its own

        // The server is back at the same address. Try again finds its circuit gone and reloads the tab.
        await app.RestartAsync();
        await retry.ClickAsync();
        await page.Page.WaitForFunctionAsync("() => !window.__beforeRestart", null, new() { Timeout = 60_000 });
        await page.WaitUntilConnectedAsync();
        await Expect(banner).ToBeHiddenAsync();
        await Expect(page.Row("Made before the crash")).ToHaveCountAsync(1);
        await Expect(page.Page.GetByTestId("chat-input")).ToHaveValueAsync("typed before the crash");
        await Expect(page.Page.GetByTestId("chat-send")).Not.ToHaveAttributeAsync("aria-disabled", "true");
        await page.AddAsync("Made after Try again"); // the new circuit works
    }

    private sealed class Attempt
    {
        public string Value { get; set; } = "";
        public double At { get; set; }
    }
}
