using Microsoft.Playwright;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Browser;

/// <summary>Runs only when asked (TASKCHAT_SCREENSHOTS, a folder).</summary>
public sealed class ScreenshotFactAttribute : FactAttribute
{
    public static string? Folder => Environment.GetEnvironmentVariable("TASKCHAT_SCREENSHOTS");

    public ScreenshotFactAttribute()
    {
        if (Folder is null || Chromium.Path is null) Skip = "Set TASKCHAT_SCREENSHOTS to a folder (e.g. docs/screenshots) to take the README's screenshots.";
    }
}

/// <summary>
/// The screenshots in docs/screenshots, wide and narrow, light and dark: sign-in, registering with
/// the strength meter, a dashboard with tasks, the account menu, the chat with its cards and its
/// input at and past the limit, the too-many-tabs notice and the 429 page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotBrowserTests(BrowserFixture fixture)
{
    private const int MessageLimit = 10_000;
    private static readonly (string Name, int Width, int Height)[] Sizes = [("wide", 1400, 900), ("narrow", 390, 844)];
    private static readonly ColorScheme[] Schemes = [ColorScheme.Light, ColorScheme.Dark];

    private static string Folder => Directory.CreateDirectory(ScreenshotFactAttribute.Folder!).FullName;
    private static string Theme(ColorScheme scheme) => scheme == ColorScheme.Dark ? "dark" : "light";

    [ScreenshotFact]
    public async Task Take_the_screenshots()
    {
        foreach (var scheme in Schemes)
        {
            var theme = Theme(scheme);
            var page = new DashboardPage(await fixture.NewPageAsync(colorScheme: scheme));
            await page.Page.SetViewportSizeAsync(1400, 900);
            await page.Page.GotoAsync("account/login");
            await Expect(page.Page.Locator("html")).ToHaveAttributeAsync("data-theme", theme);
            await ShootAsync(page.Page, "signin", theme);

            // Typing a password shows the live meter under the box; a refused one says why.
            await page.Page.GotoAsync("account/register");
            var email = DashboardPage.NewEmail();
            await page.Page.GetByLabel("Email").FillAsync(email);
            await page.Page.GetByLabel("Password", new() { Exact = true }).PressSequentiallyAsync("password1");
            await Expect(page.Page.GetByTestId("password-strength")).ToContainTextAsync("Strength: Very weak.");
            await ShootAsync(page.Page, "register", theme);
            await FillRegisterAsync(page.Page, email, "12345678");
            await page.Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
            await Expect(page.Page.GetByTestId("account-error")).ToContainTextAsync("too easy to guess");
            await ShootAsync(page.Page, "register-refused", theme);

            await page.RegisterAsync(email);
            await FillAsync(page);
            await ShootAsync(page.Page, "dashboard", theme);

            await ShootAsync(page.Page, "account-menu", theme, _ => OpenAccountMenuAsync(page.Page));
            await page.ReloadAsync(); // closes the menu

            // The chat with a tool card and the approval card; on a narrow screen, its tab.
            await page.SendAsync("delete all tasks");
            await Expect(page.Page.GetByTestId("tool-approval")).ToBeVisibleAsync();
            await ShootAsync(page.Page, "chat", theme, size => ChatTabAsync(page.Page, size));
            await page.Page.GetByTestId("tool-approval").GetByTestId("tool-decline").ClickAsync();

            await ShootChatInputAsync(page, theme);
            await page.Page.Context.CloseAsync();
        }
    }

    /// <summary>The notice a tab past Hosting:MaxCircuitsPerUser gets, on an app that allows two tabs.</summary>
    [ScreenshotFact]
    public async Task Take_the_too_many_tabs_screenshots()
    {
        await using var app = await AppServer.StartAsync(new Dictionary<string, string> { ["Hosting:MaxCircuitsPerUser"] = "2" });
        foreach (var scheme in Schemes)
        {
            var first = new DashboardPage(await fixture.NewPageAsync(app, scheme));
            await first.RegisterAsync(DashboardPage.NewEmail());
            var second = new DashboardPage(await first.Page.Context.NewPageAsync());
            await second.Page.GotoAsync("/");
            await second.WaitUntilConnectedAsync();
            var third = await first.Page.Context.NewPageAsync();
            await third.GotoAsync("/");
            await Expect(third.GetByTestId("circuit-limit")).ToContainTextAsync("already has 2 TaskChat tabs or windows open");
            await Expect(third.Locator("html")).ToHaveAttributeAsync("data-theme", Theme(scheme));
            await ShootAsync(third, "too-many-tabs", Theme(scheme));
            await first.Page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// The 429 page, on an app that allows one sign-in attempt a minute. The page has no script:
    /// it follows the system's light or dark setting, so the emulated one is switched.
    /// </summary>
    [ScreenshotFact]
    public async Task Take_the_rate_limited_screenshots()
    {
        await using var app = await AppServer.StartAsync(new Dictionary<string, string> { ["RateLimits:SignInsPerMinute"] = "1" });
        var page = await fixture.NewPageAsync(app);
        // The first attempt is let through (and fails), the next is refused; a window that
        // passes between them on a slow machine only costs another attempt.
        for (var attempt = 0; attempt < 4 && await page.TitleAsync() != "Too many attempts · TaskChat"; attempt++)
        {
            await page.GotoAsync("account/login");
            await page.GetByLabel("Email").FillAsync(DashboardPage.NewEmail());
            await page.GetByLabel("Password").FillAsync("not the password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.GetByTestId("account-error").Or(page.Locator("main > [data-testid=rate-limited]"))).ToBeVisibleAsync();
        }
        await Expect(page.GetByTestId("rate-limited")).ToContainTextAsync("Too many sign-in attempts from your network.");
        foreach (var scheme in Schemes)
        {
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            await ShootAsync(page, "rate-limited", Theme(scheme));
        }
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Takes <paramref name="screen"/> at every size, after <paramref name="prepare"/> has set up
    /// what that size needs, with the pointer out of the way; leaves the page wide.
    /// </summary>
    private static async Task ShootAsync(IPage page, string screen, string theme, Func<string, Task>? prepare = null)
    {
        foreach (var (name, width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            if (prepare is not null) await prepare(name);
            await page.Mouse.MoveAsync(0, 0);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{screen}-{name}-{theme}.png") });
        }
        await page.SetViewportSizeAsync(Sizes[0].Width, Sizes[0].Height);
    }

    /// <summary>The chat input typed to the limit, then past it by a script, then far past it (cut, with a notice).</summary>
    private static async Task ShootChatInputAsync(DashboardPage page, string theme)
    {
        var input = page.Page.GetByTestId("chat-input");
        var count = page.Page.GetByTestId("chat-count");
        var text = Sentences(MessageLimit);
        // Pasted all but the last character, then the last one typed, as MessageLengthBrowserTests does.
        await input.FillAsync(text[..^1]);
        await input.PressSequentiallyAsync(text[^1..]);
        await Expect(count).ToHaveTextAsync("10,000 / 10,000");
        await ShootAsync(page.Page, "chat-limit", theme, size => ChatTabAsync(page.Page, size));

        await SetDraftByScriptAsync(input, Sentences(MessageLimit + 5));
        await Expect(count).ToHaveTextAsync("10,005 / 10,000 · 5 too many");
        await Expect(page.Page.GetByTestId("chat-send")).ToBeDisabledAsync();
        await ShootAsync(page.Page, "chat-over-limit", theme, size => ChatTabAsync(page.Page, size));

        // Cyrillic takes two bytes a character: 40,000 are more than the circuit carries, so cut. (As
        // many Latin characters would fit, reach the server and count as too many instead; Cyrillic
        // rather than CJK because the test machine's fonts draw it.)
        await SetDraftByScriptAsync(input, string.Concat(Enumerable.Repeat("Разобрать список покупок на выходные. ", 1_100))[..40_000]);
        await Expect(page.Page.GetByTestId("chat-draft-cut")).ToContainTextAsync("Your draft had 40,000 characters");
        await Expect(count).ToHaveTextAsync("10,000 / 10,000");
        await ShootAsync(page.Page, "chat-draft-cut", theme, size => ChatTabAsync(page.Page, size));
    }

    // Past the box's maxlength, as a script (or an old saved draft) can put it.
    private static Task SetDraftByScriptAsync(ILocator input, string text) =>
        input.EvaluateAsync("(box, text) => { box.removeAttribute('maxlength'); box.value = text; box.dispatchEvent(new Event('input', { bubbles: true })); }", text);

    private static string Sentences(int length) =>
        string.Concat(Enumerable.Repeat("Plan my week: sort the open tasks by due date, then by priority. ", length / 60 + 1))[..length];

    private static async Task ChatTabAsync(IPage page, string size)
    {
        if (size == "narrow") await page.GetByRole(AriaRole.Tab, new() { Name = "Assistant" }).ClickAsync();
    }

    private static async Task OpenAccountMenuAsync(IPage page)
    {
        if (!await page.GetByTestId("sign-out-everywhere").IsVisibleAsync())
            await page.GetByRole(AriaRole.Button, new() { Name = "Account", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("sign-out-everywhere")).ToBeVisibleAsync();
    }

    private static async Task FillRegisterAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm password").FillAsync(password);
    }

    private static async Task FillAsync(DashboardPage page)
    {
        foreach (var title in new[] { "Renew passport", "Book dentist appointment", "File taxes", "Buy milk", "Pay rent", "Water the plants" })
            await page.AddAsync(title);
        await page.Row("Pay rent").GetByTestId("task-done-toggle").CheckAsync();
        await page.Row("Water the plants").GetByTestId("task-done-toggle").CheckAsync();
        await Expect(page.Row("Water the plants")).ToHaveAttributeAsync("data-done", "true");
        await EditAsync(page, "Renew passport", due: "2020-01-06T09:00", tags: "travel");
        await EditAsync(page, "File taxes", due: "2031-04-30T17:00", priority: "High", tags: "money, home", description: "Receipts are in the blue folder.");
        await EditAsync(page, "Book dentist appointment", priority: "Low");
        var answer = await page.AskAsync("add call mum tomorrow");
        await Expect(answer).ToHaveAttributeAsync("data-status", "complete");
        await Expect(page.Row("Call mum")).ToHaveCountAsync(1);
    }

    private static async Task EditAsync(DashboardPage page, string title, string? due = null, string? priority = null, string? tags = null, string? description = null)
    {
        var editor = await page.OpenEditorAsync(title);
        if (due is not null) await editor.GetByTestId("edit-due").FillAsync(due);
        if (priority is not null) await editor.GetByTestId("edit-priority").GetByText(priority).ClickAsync();
        if (tags is not null) await editor.GetByTestId("edit-tags").FillAsync(tags);
        if (description is not null) await editor.GetByTestId("edit-description").FillAsync(description);
        await editor.GetByTestId("edit-save").ClickAsync();
        await Expect(page.Page.GetByTestId("task-editor")).ToHaveCountAsync(0);
    }
}
