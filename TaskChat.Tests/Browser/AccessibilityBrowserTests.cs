using Microsoft.Playwright;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Browser;

/// <summary>
/// axe audits of what people see, in the system's light and dark (and through the theme toggle):
/// no serious or critical violation, colour contrast included (DESIGN §5).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserFixture fixture)
{
    public static TheoryData<ColorScheme> Schemes => [ColorScheme.Light, ColorScheme.Dark];

    private async Task<DashboardPage> OpenAsync(ColorScheme scheme, string path)
    {
        var page = new DashboardPage(await fixture.NewPageAsync(colorScheme: scheme));
        await page.Page.GotoAsync(path);
        await ExpectThemeAsync(page.Page, scheme == ColorScheme.Dark ? "dark" : "light");
        return page;
    }

    // The palette the server rendered (MudBlazor's variables), not only the page's own marker.
    private static async Task ExpectThemeAsync(IPage page, string theme)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", theme);
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-background').trim()");
        Assert.StartsWith(theme == "dark" ? "rgba(20,22,31" : "rgba(246,247,251", background.Replace(" ", ""));
    }

    [BrowserTheory]
    [MemberData(nameof(Schemes))]
    public async Task The_sign_in_and_registration_pages_pass(ColorScheme scheme)
    {
        var page = await OpenAsync(scheme, "account/login");
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, $"sign-in, {scheme}");

        // With a validation message and the wrong-password alert showing.
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Page.GetByText("Enter your email.")).ToBeVisibleAsync();
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, $"sign-in with validation messages, {scheme}");

        await page.Page.GotoAsync("account/register");
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, $"registration, {scheme}");
    }

    [BrowserTheory]
    [MemberData(nameof(Schemes))]
    public async Task The_dashboard_passes_empty_and_with_done_overdue_and_high_priority_tasks(ColorScheme scheme)
    {
        var page = await OpenAsync(scheme, "account/register");
        await page.RegisterAsync(DashboardPage.NewEmail());
        await ExpectThemeAsync(page.Page, scheme == ColorScheme.Dark ? "dark" : "light");
        await Expect(page.Page.GetByTestId("empty-state")).ToBeVisibleAsync();
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, $"empty dashboard, {scheme}");

        await AddVarietyAsync(page);
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, $"dashboard with tasks, {scheme}");

        await page.Page.GetByTestId("priority-filter").ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Option, new() { Name = "High", Exact = true })).ToBeVisibleAsync();
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, $"dashboard with the priority filter open, {scheme}");
    }

    [BrowserTheory]
    [MemberData(nameof(Schemes))]
    public async Task The_chat_passes_with_tool_cards_and_an_approval_card(ColorScheme scheme)
    {
        var page = await OpenAsync(scheme, "account/register");
        await page.RegisterAsync(DashboardPage.NewEmail());
        await ExpectThemeAsync(page.Page, scheme == ColorScheme.Dark ? "dark" : "light");
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, $"empty chat, {scheme}", within: ".chat-panel");

        var answer = await page.AskAsync("add buy milk tomorrow");
        await Expect(answer.GetByTestId("tool-call")).ToHaveAttributeAsync("data-status", "succeeded");
        await page.SendAsync("delete all tasks");
        await Expect(page.Page.GetByTestId("tool-approval")).ToBeVisibleAsync();
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, $"chat with a tool card and the approval card, {scheme}");

        await page.Page.GetByTestId("tool-approval").GetByTestId("tool-decline").ClickAsync();
        await Expect(page.Answers.Last).ToHaveAttributeAsync("data-status", "complete");
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, $"chat with a declined call, {scheme}");
    }

    [BrowserFact]
    public async Task The_theme_toggle_goes_light_dark_and_back_to_the_system_remembered_across_reloads()
    {
        var page = await OpenAsync(ColorScheme.Light, "account/register");
        await page.RegisterAsync(DashboardPage.NewEmail());
        var toggle = page.Page.GetByTestId("theme-toggle");
        await Expect(toggle).ToHaveAttributeAsync("data-mode", "system");
        await Expect(toggle).ToHaveAttributeAsync("aria-label", "Theme: system (light). Switch to light");

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("data-mode", "light");
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("data-mode", "dark");
        await ExpectThemeAsync(page.Page, "dark");
        await page.AddAsync("Seen in the dark");
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, "dashboard, dark by the toggle");

        // Remembered: the next page is dark from its first paint, the sign-in page too.
        await page.ReloadAsync();
        await ExpectThemeAsync(page.Page, "dark");
        await Expect(page.Page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("data-mode", "dark");

        await page.Page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(page.Page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("data-mode", "system");
        await ExpectThemeAsync(page.Page, "light");
    }

    /// <summary>An open task, a done one, an overdue one and a high-priority one with a tag and a description.</summary>
    private static async Task AddVarietyAsync(DashboardPage page)
    {
        await page.AddAsync("Buy milk");
        await page.AddAsync("Pay rent");
        await page.AddAsync("Renew passport");
        await page.AddAsync("File taxes");

        await page.Row("Pay rent").GetByTestId("task-done-toggle").CheckAsync();
        await Expect(page.Row("Pay rent")).ToHaveAttributeAsync("data-done", "true");

        var editor = await page.OpenEditorAsync("Renew passport");
        await editor.GetByTestId("edit-due").FillAsync("2020-01-06T09:00");
        await editor.GetByTestId("edit-save").ClickAsync();
        await Expect(page.Row("Renew passport")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("overdue"));

        editor = await page.OpenEditorAsync("File taxes");
        await editor.GetByTestId("edit-priority").GetByText("High").ClickAsync();
        await editor.GetByTestId("edit-tags").FillAsync("money, home");
        await editor.GetByTestId("edit-description").FillAsync("Receipts are in the blue folder.");
        await editor.GetByTestId("edit-save").ClickAsync();
        await Expect(page.Row("File taxes").GetByTestId("task-priority")).ToHaveTextAsync("High");
    }
}
