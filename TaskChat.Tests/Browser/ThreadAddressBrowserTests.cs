using System.Text.RegularExpressions;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Browser;

/// <summary>The dashboard's ?thread= is only ever a preference: whatever it says, the page opens.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ThreadAddressBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task Any_thread_value_opens_the_dashboard_and_one_not_this_users_falls_back_to_the_newest_without_an_error()
    {
        var other = new DashboardPage(await fixture.NewPageAsync());
        await other.RegisterAsync(DashboardPage.NewEmail());
        await other.AskAsync("add someone else's errand");
        var foreign = await other.Page.GetByTestId("thread-item").First.GetAttributeAsync("data-thread-id");

        var page = new DashboardPage(await fixture.NewPageAsync());
        await page.RegisterAsync(DashboardPage.NewEmail());
        await page.AskAsync("add water plants");
        var mine = await page.Page.GetByTestId("thread-item").First.GetAttributeAsync("data-thread-id");

        foreach (var value in new[] { "abc", "999999", foreign!, "-1", "1.5", "", "99999999999999999999", "\0<script>" })
        {
            var response = await page.Page.GotoAsync("/?thread=" + Uri.EscapeDataString(value));
            Assert.Equal(200, response!.Status); // the prerendered page too, not only the circuit's
            await page.WaitUntilConnectedAsync();
            await Expect(page.Page.Locator("[data-testid=thread-item][data-active=true]")).ToHaveAttributeAsync("data-thread-id", mine!);
            await Expect(page.Page).ToHaveURLAsync(new Regex($@"\?thread={mine}$"));
            await Expect(page.Page.GetByTestId("message").First).ToContainTextAsync("add water plants");
            await Expect(page.Page.GetByTestId("task-list")).ToBeVisibleAsync();
            await Expect(page.Page.GetByTestId("page-error")).ToHaveCountAsync(0);
            await Expect(page.Page.GetByText("someone else's errand")).ToHaveCountAsync(0);
        }
    }
}
