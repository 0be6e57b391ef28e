using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TaskChat.Core.Connections;
using TaskChat.Core.Data;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Browser;

/// <summary>
/// The Connected apps page as a person uses it (from the account menu: make a token, copy its
/// secret once, see it listed, revoke it) and the app approval card on the dashboard, each audited
/// by axe in light and dark.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConnectedAppsBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task A_token_is_made_shown_once_listed_and_revoked_and_the_page_passes_axe_in_light_and_dark()
    {
        var page = new DashboardPage(await fixture.NewPageAsync());
        await page.RegisterAsync(DashboardPage.NewEmail());
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Account", Exact = true }).ClickAsync();
        await page.Page.GetByTestId("connected-apps-link").ClickAsync();
        await Expect(page.Page).ToHaveURLAsync(new Regex("/connected-apps$"));
        await page.WaitUntilConnectedAsync();
        await Expect(page.Page.GetByTestId("mcp-token-empty")).ToBeVisibleAsync();
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, "connected apps, empty, light");

        await page.Page.GetByTestId("mcp-token-name").FillAsync("Claude Desktop");
        await page.Page.GetByLabel("Read and write").CheckAsync();
        await page.Page.GetByTestId("mcp-token-create").ClickAsync();

        var value = page.Page.GetByTestId("mcp-token-value");
        await Expect(value).ToHaveTextAsync(new Regex("^tcp_[A-Za-z0-9_-]{43}$"));
        var secret = (await value.TextContentAsync())!;
        var row = page.Page.GetByTestId("mcp-token-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync($"…{secret[^4..]}");
        await Expect(row).ToContainTextAsync("Read and write");
        await Expect(row).ToContainTextAsync("Last used never");

        await page.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.Page.GetByTestId("mcp-token-copy").ClickAsync();
        await Expect(page.Page.GetByTestId("mcp-token-copied")).ToHaveTextAsync("Copied.");
        Assert.Equal(secret, await page.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, "connected apps with a new token, light");

        // Shown once: after a reload it is gone for good, the row stays.
        await page.ReloadAsync();
        await Expect(row).ToHaveCountAsync(1);
        await Expect(value).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.Page.ContentAsync());

        await DarkAsync(page.Page);
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, "connected apps with a token, dark");
        await row.GetByTestId("mcp-token-revoke").ClickAsync();
        await Expect(row.GetByTestId("mcp-token-revoke-confirm")).ToBeVisibleAsync();
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, "connected apps asking to revoke, dark");
        await row.GetByTestId("mcp-token-revoke-confirm").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await Expect(page.Page.GetByTestId("mcp-token-empty")).ToBeVisibleAsync();
        await page.Page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_apps_request_shows_on_the_dashboard_and_approving_it_passes_axe_in_light_and_dark()
    {
        var email = DashboardPage.NewEmail();
        var page = new DashboardPage(await fixture.NewPageAsync());
        await page.RegisterAsync(email);
        await RequestApprovalAsync(fixture.App, email, "Claude Desktop", "Delete all 12 of your tasks");

        await page.ReloadAsync(); // made by another process: its event does not reach this app
        var card = page.Page.GetByTestId("app-approval");
        await Expect(card).ToContainTextAsync("Claude Desktop asks to: Delete all 12 of your tasks");
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, "dashboard with an app's request, light");
        await DarkAsync(page.Page);
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, "dashboard with an app's request, dark");

        await card.GetByTestId("app-approval-approve").ClickAsync();
        await Expect(card).ToHaveCountAsync(0);
        await Expect(page.Page.GetByTestId("app-approval-notice")).ToContainTextAsync("Approved. Ask Claude Desktop again");
        await page.Page.Context.CloseAsync();
    }

    private static readonly (string Name, int Width, int Height)[] Sizes = [("wide", 1280, 900), ("narrow", 390, 844)];

    /// <summary>The dashboard with a request, and the page with a secret shown once over two rows, for a look.</summary>
    [ScreenshotFact]
    public async Task Take_the_connected_apps_screenshots()
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var theme = scheme == ColorScheme.Dark ? "dark" : "light";
            var email = DashboardPage.NewEmail();
            var page = new DashboardPage(await fixture.NewPageAsync(colorScheme: scheme));
            await page.RegisterAsync(email);
            await RequestApprovalAsync(fixture.App, email, "Claude Desktop", "Delete all 12 of your tasks");
            await page.AddAsync("Buy milk");
            await page.ReloadAsync();
            await Expect(page.Page.GetByTestId("app-approval")).ToBeVisibleAsync();
            await ShootAsync(page.Page, "dashboard-app-approval", theme);
            await page.Page.GetByRole(AriaRole.Button, new() { Name = "Account", Exact = true }).ClickAsync();
            await Expect(page.Page.GetByTestId("connected-apps-link")).ToBeVisibleAsync(); // the menu itself: ScreenshotBrowserTests' account-menu

            await page.Page.GetByTestId("connected-apps-link").ClickAsync();
            await Expect(page.Page).ToHaveURLAsync(new Regex("/connected-apps$"));
            await page.WaitUntilConnectedAsync();
            await page.Page.GetByTestId("mcp-token-name").FillAsync("VS Code on the work laptop");
            await page.Page.GetByTestId("mcp-token-create").ClickAsync();
            await Expect(page.Page.GetByTestId("mcp-token-row")).ToHaveCountAsync(2);
            await ShootAsync(page.Page, "connected-apps", theme, page.Page.GetByTestId("mcp-token-value"));
            await page.Page.GetByTestId("mcp-token-row").Last.GetByTestId("mcp-token-revoke").ClickAsync();
            await ShootAsync(page.Page, "connected-apps-revoke", theme, page.Page.GetByTestId("mcp-token-revoke-confirm"));
            await page.Page.Context.CloseAsync();
        }
    }

    /// <param name="show">What must be in view: the page scrolls inside its own panel, not the window.</param>
    private static async Task ShootAsync(IPage page, string screen, string theme, ILocator? show = null)
    {
        var folder = Directory.CreateDirectory(ScreenshotFactAttribute.Folder!).FullName;
        foreach (var (name, width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            if (show is not null) await show.ScrollIntoViewIfNeededAsync();
            await page.Mouse.MoveAsync(0, 0);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{screen}-{name}-{theme}.png") });
        }
    }

    // Through the theme toggle (system, light, dark), as a person would; each click waits for its change.
    private static async Task DarkAsync(IPage page)
    {
        var toggle = page.GetByTestId("theme-toggle");
        foreach (var next in new[] { "light", "dark" })
        {
            if (await toggle.GetAttributeAsync("data-mode") == "dark") break;
            if (await toggle.GetAttributeAsync("data-mode") == next) continue;
            await toggle.ClickAsync();
            await Expect(toggle).ToHaveAttributeAsync("data-mode", next);
        }
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        // The marker flips first; MudBlazor's palette (its CSS variables) arrives with the next render.
        await page.WaitForFunctionAsync("() => getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-background').replace(/ /g, '').startsWith('rgba(20,22,31')");
    }

    /// <summary>A connected app's call waiting for the user's yes, made in the app's database as the MCP endpoint makes one.</summary>
    private static async Task RequestApprovalAsync(AppServer app, string email, string appName, string summary)
    {
        await using var core = app.CoreServices();
        string userId;
        await using (var db = await core.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var token = (await core.GetRequiredService<AccessTokens>().CreateAsync(userId, appName, AccessTokenScope.ReadWrite)).Token;
        var state = await core.GetRequiredService<AppApprovals>()
            .ClaimOrRequestAsync(new TokenHolder(userId, token.Id, token.Name, token.Scope), "delete_all_tasks", "{}", summary);
        Assert.Equal(AppApprovalState.Requested, state);
    }
}
