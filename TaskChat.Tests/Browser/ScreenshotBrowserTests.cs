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

/// <summary>The screenshots in docs/screenshots: sign-in, a dashboard with tasks and the chat with its cards, wide and narrow, light and dark.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotBrowserTests(BrowserFixture fixture)
{
    private static readonly (string Name, int Width, int Height)[] Sizes = [("wide", 1400, 900), ("narrow", 390, 844)];

    [ScreenshotFact]
    public async Task Take_the_screenshots()
    {
        var folder = Directory.CreateDirectory(ScreenshotFactAttribute.Folder!).FullName;
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var theme = scheme == ColorScheme.Dark ? "dark" : "light";
            var page = new DashboardPage(await fixture.NewPageAsync(colorScheme: scheme));
            await page.Page.SetViewportSizeAsync(1400, 900);
            await page.Page.GotoAsync("account/login");
            await Expect(page.Page.Locator("html")).ToHaveAttributeAsync("data-theme", theme);
            foreach (var (name, width, height) in Sizes)
            {
                await page.Page.SetViewportSizeAsync(width, height);
                await page.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"signin-{name}-{theme}.png") });
            }

            await page.Page.SetViewportSizeAsync(1400, 900);
            await page.RegisterAsync(DashboardPage.NewEmail());
            await FillAsync(page);
            foreach (var (name, width, height) in Sizes)
            {
                await page.Page.SetViewportSizeAsync(width, height);
                await page.Page.Mouse.MoveAsync(0, 0);
                await page.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"dashboard-{name}-{theme}.png") });
            }

            // The chat with a tool card and the approval card; on a narrow screen, its tab.
            await page.Page.SetViewportSizeAsync(1400, 900);
            await page.SendAsync("delete all tasks");
            await Expect(page.Page.GetByTestId("tool-approval")).ToBeVisibleAsync();
            foreach (var (name, width, height) in Sizes)
            {
                await page.Page.SetViewportSizeAsync(width, height);
                if (name == "narrow") await page.Page.GetByRole(AriaRole.Tab, new() { Name = "Assistant" }).ClickAsync();
                await page.Page.Mouse.MoveAsync(0, 0);
                await page.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"chat-{name}-{theme}.png") });
            }
            await page.Page.GetByTestId("tool-approval").GetByTestId("tool-decline").ClickAsync();
            await page.Page.Context.CloseAsync();
        }
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
