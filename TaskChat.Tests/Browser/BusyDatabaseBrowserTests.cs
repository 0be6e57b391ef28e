using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Browser;

/// <summary>Another writer holds the database: the user is told, and the screen does not pretend it worked.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BusyDatabaseBrowserTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task A_refused_toggle_says_why_and_leaves_the_box_as_the_task_is()
    {
        await using var app = await AppServer.StartAsync(new Dictionary<string, string> { ["Database:BusyTimeoutMs"] = "200" });
        var page = new DashboardPage(await fixture.NewPageAsync(app));
        await page.RegisterAsync(DashboardPage.NewEmail());
        await page.AddAsync("Water plants");

        await using (await SqliteWriteLock.AcquireAsync(app.DatabasePath))
        {
            await page.Row("Water plants").GetByTestId("task-done-toggle").ClickAsync();
            await Expect(page.Page.GetByTestId("task-notice")).ToContainTextAsync("The database is busy right now; nothing was changed.");
            await Expect(page.Row("Water plants").GetByTestId("task-done-toggle")).Not.ToBeCheckedAsync();
            await Expect(page.Row("Water plants")).ToHaveAttributeAsync("data-done", "false");
        }

        await page.Row("Water plants").GetByTestId("task-done-toggle").ClickAsync();
        await Expect(page.Row("Water plants")).ToHaveAttributeAsync("data-done", "true");
        await Expect(page.Page.GetByTestId("task-notice")).ToHaveCountAsync(0);
    }
}
