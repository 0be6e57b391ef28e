using Microsoft.Playwright;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Browser;

/// <summary>The live strength meter on the register page, driven by js/password-strength.js.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PasswordStrengthBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task The_meter_judges_the_password_while_it_is_typed()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("account/register");
        var meter = page.GetByTestId("password-strength");
        await Expect(meter).ToBeHiddenAsync();
        await page.GetByLabel("Email").FillAsync("ada.lovelace@example.com");
        var password = page.GetByLabel("Password", new() { Exact = true });

        await password.PressSequentiallyAsync("password");
        await Expect(meter).ToHaveAttributeAsync("data-score", "0");
        await Expect(meter).ToContainTextAsync("Strength: Very weak. It is one of the most common passwords.");

        await password.FillAsync("");
        await password.PressSequentiallyAsync("lovelace1815");
        await Expect(meter).ToContainTextAsync("It is built on your email address");

        await password.FillAsync("violet tractor umbrella quiz");
        await Expect(meter).ToHaveAttributeAsync("data-score", "4");
        await Expect(meter).ToContainTextAsync("Strength: Very strong.");
    }

    [BrowserFact]
    public async Task A_refused_password_says_why_in_the_form()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("account/register");
        await page.GetByLabel("Email").FillAsync(DashboardPage.NewEmail());
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("12345678");
        await page.GetByLabel("Confirm password").FillAsync("12345678");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page.GetByTestId("account-error")).ToContainTextAsync("This password is too easy to guess. It is one of the most common passwords.");
    }
}
