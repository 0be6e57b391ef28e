using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Browser;

/// <summary>Signing out, in one tab or everywhere, reaches the tabs already open.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionBrowserTests(BrowserFixture fixture)
{
    private static readonly Regex SignInPage = new("/account/login");

    [BrowserFact]
    public async Task Signing_out_in_one_tab_sends_that_sign_ins_other_tabs_to_sign_in_and_they_change_nothing()
    {
        var email = DashboardPage.NewEmail();
        var tab = new DashboardPage(await fixture.NewPageAsync());
        await tab.RegisterAsync(email);
        var otherTab = new DashboardPage(await tab.Page.Context.NewPageAsync()); // same browser, same sign-in
        await otherTab.Page.GotoAsync("/");
        await otherTab.WaitUntilConnectedAsync();
        var phone = new DashboardPage(await fixture.NewPageAsync()); // a sign-in of its own
        await phone.SignInAsync(email);

        await tab.SignOutAsync();
        // At once, whether or not the other tab has been told yet: nothing it sends is applied.
        await TryAddTaskAsync(otherTab.Page, "Added after sign-out");

        await Expect(otherTab.Page).ToHaveURLAsync(SignInPage);
        await otherTab.Page.GotoAsync("/");
        await Expect(otherTab.Page).ToHaveURLAsync(SignInPage);
        Assert.Equal(0L, await AppDatabase.ScalarAsync<long>(fixture.App, "SELECT COUNT(*) FROM Tasks WHERE Title = 'Added after sign-out'"));
        await phone.AddAsync("The phone is still signed in");
    }

    [BrowserFact]
    public async Task Signing_out_everywhere_sends_every_device_to_sign_in_without_waiting_for_a_click()
    {
        var email = DashboardPage.NewEmail();
        var laptop = new DashboardPage(await fixture.NewPageAsync());
        await laptop.RegisterAsync(email);
        var phone = new DashboardPage(await fixture.NewPageAsync());
        await phone.SignInAsync(email);
        var someoneElse = new DashboardPage(await fixture.NewPageAsync());
        await someoneElse.RegisterAsync(DashboardPage.NewEmail());

        await laptop.SignOutAsync(everywhere: true);

        // The phone does nothing: the periodic re-check is a minute away, so only the notice of
        // the ended sessions can take it there within the wait.
        await Expect(phone.Page).ToHaveURLAsync(SignInPage);
        await someoneElse.AddAsync("Other accounts carry on");
    }

    [BrowserFact]
    public async Task A_tab_whose_session_ended_unannounced_refuses_its_next_action()
    {
        // Every action checks (no few-second allowance), so the refusal does not wait on time.
        await using var app = await AppServer.StartAsync(new Dictionary<string, string> { ["Accounts:ActivityCheckSeconds"] = "0" });
        using (var warmUp = new FormClient(app)) // a cold app's first pages are slow on a busy machine
        {
            await warmUp.RegisterAsync(DashboardPage.NewEmail(), DashboardPage.Password);
            await warmUp.GetStringAsync("/");
        }
        var email = DashboardPage.NewEmail();
        var tab = new DashboardPage(await fixture.NewPageAsync(app));
        tab.Page.SetDefaultTimeout(60_000);
        await tab.RegisterAsync(email);
        await tab.AddAsync("Added while signed in");

        // A sign-out whose notice never arrived (say, another instance's, with Redis down).
        Assert.Equal(1, await AppDatabase.ExecuteAsync(app, """
            DELETE FROM AspNetUserTokens WHERE LoginProvider = 'TaskChat:SignIn'
              AND UserId = (SELECT Id FROM AspNetUsers WHERE Email = $email)
            """, ("$email", email)));
        await TryAddTaskAsync(tab.Page, "Added after the session ended");

        await Expect(tab.Page).ToHaveURLAsync(SignInPage);
        Assert.Equal(0L, await AppDatabase.ScalarAsync<long>(app, "SELECT COUNT(*) FROM Tasks WHERE Title = 'Added after the session ended'"));
        Assert.Equal(1L, await AppDatabase.ScalarAsync<long>(app, "SELECT COUNT(*) FROM Tasks WHERE Title = 'Added while signed in'"));
    }

    [BrowserTheory]
    [MemberData(nameof(AccessibilityBrowserTests.Schemes), MemberType = typeof(AccessibilityBrowserTests))]
    public async Task The_open_account_menu_passes_the_accessibility_audit(ColorScheme scheme)
    {
        var page = new DashboardPage(await fixture.NewPageAsync(colorScheme: scheme));
        await page.RegisterAsync(DashboardPage.NewEmail());

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Account", Exact = true }).ClickAsync();
        await Expect(page.Page.GetByTestId("sign-out-everywhere")).ToBeVisibleAsync();

        if (Environment.GetEnvironmentVariable("TASKCHAT_SCREENSHOTS") is { } folder)
            await page.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"account-menu-{scheme}.png") });
        await AxeAudit.AssertNoSeriousViolationsAsync(page.Page, $"account menu open, {scheme}");
    }

    /// <summary>
    /// Types a title and submits it in one step, as Enter does, so the submit is refused rather
    /// than never sent; a tab that has already left for the sign-in page has nothing to type into.
    /// </summary>
    private static async Task TryAddTaskAsync(IPage page, string title)
    {
        try
        {
            await page.EvaluateAsync("""
                title => {
                    const box = document.querySelector('[data-testid=new-task-input]');
                    if (!box) return;
                    box.value = title;
                    box.dispatchEvent(new Event('input', { bubbles: true }));
                    box.dispatchEvent(new Event('change', { bubbles: true }));
                    box.form.requestSubmit();
                }
                """, title);
        }
        catch (PlaywrightException e) when (e.Message.Contains("Execution context was destroyed"))
        {
            // It was leaving for the sign-in page as we typed.
        }
    }
}
