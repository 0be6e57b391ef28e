using Microsoft.Playwright;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AccountBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task Registering_from_the_sign_in_page_records_the_browsers_time_zone()
    {
        var page = new DashboardPage(await fixture.NewPageAsync()); // browser zone: Europe/London
        var email = DashboardPage.NewEmail();
        await page.Page.GotoAsync("/");
        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync(); // enhanced navigation
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Create your account" })).ToBeVisibleAsync();
        await page.Page.GetByLabel("Email").FillAsync(email);
        await page.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(DashboardPage.Password);
        await page.Page.GetByLabel("Confirm password").FillAsync(DashboardPage.Password);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitUntilConnectedAsync();

        Assert.Equal("Europe/London", await AppDatabase.ScalarAsync<string>(fixture.App, "SELECT TimeZone FROM AspNetUsers WHERE Email = $email", ("$email", email)));
    }
}
