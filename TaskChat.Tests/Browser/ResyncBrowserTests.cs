using Microsoft.Extensions.DependencyInjection;
using TaskChat.Core.Chat;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Browser;

/// <summary>
/// Events lost in a Redis outage are replaced by a Resync: the tab reloads its tasks, its chats and
/// the open chat's messages, and stays on the chat it had open.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ResyncBrowserTests(BrowserFixture browsers)
{
    [BrowserAndRedisFact]
    public async Task After_a_Redis_outage_the_tab_reloads_what_it_shows_and_stays_on_its_chat()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var app = await AppServer.StartAsync(new Dictionary<string, string> { ["Sync:Redis"] = redis.Configuration });
        var page = new DashboardPage(await browsers.NewPageAsync(app));
        var email = DashboardPage.NewEmail();
        await page.RegisterAsync(email);

        await page.AskAsync("add water the plants");
        var older = await page.Page.GetByTestId("thread-item").First.GetAttributeAsync("data-thread-id");
        await page.Page.GetByTestId("new-thread").ClickAsync();
        await Expect(page.Answers).ToHaveCountAsync(0);
        await page.AskAsync("add call the bank");
        await page.Page.Locator($"[data-testid=thread-item][data-thread-id='{older}'] .thread-open").ClickAsync();
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"[?&]thread={older}$"));
        await Expect(page.Answers.Last).ToContainTextAsync("Water the plants");
        await page.Page.GetByTestId("chat-input").FillAsync("typed before the outage");
        await page.Page.EvaluateAsync("() => window.__beforeResync = true");

        // Changes this instance's tabs never hear about, as events lost in an outage would be.
        var user = await AppDatabase.ScalarAsync<string>(app, "SELECT Id FROM AspNetUsers WHERE Email = $email", ("$email", email));
        await using (var core = app.CoreServices())
        {
            await core.GetRequiredService<TaskService>().CreateAsync(user, new TaskDraft("Added while events were lost"));
            await core.GetRequiredService<ThreadService>().RenameAsync(user, int.Parse(older!), "Renamed while events were lost");
        }
        Assert.Equal(0, await page.Row("Added while events were lost").CountAsync());

        await redis.RestartAsync(downFor: TimeSpan.FromMilliseconds(500));

        // The resync arrives once the app's subscriber connection is back.
        await Expect(page.Row("Added while events were lost")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        var open = page.Page.Locator($"[data-testid=thread-item][data-thread-id='{older}']");
        await Expect(open).ToContainTextAsync("Renamed while events were lost");
        await Expect(open).ToHaveAttributeAsync("data-active", "true");
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"[?&]thread={older}$"));
        await Expect(page.Answers).ToHaveCountAsync(1);
        await Expect(page.Answers.Last).ToContainTextAsync("Water the plants");
        // Reloaded inside the live circuit: no page load, and the typing is where it was.
        Assert.True(await page.Page.EvaluateAsync<bool>("() => window.__beforeResync === true"));
        await Expect(page.Page.GetByTestId("chat-input")).ToHaveValueAsync("typed before the outage");
        await page.AddAsync("Added after the resync");
    }
}
