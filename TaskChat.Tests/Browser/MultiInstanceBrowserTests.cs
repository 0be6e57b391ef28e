using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Browser;

/// <summary>Two app instances behind (imagined) sticky load balancing, sharing one database and one Redis.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MultiInstanceBrowserTests(BrowserFixture browsers)
{
    [BrowserAndRedisFact]
    public async Task A_change_through_one_instance_reaches_a_tab_on_the_other()
    {
        await using var redis = await RedisServer.StartAsync();
        var shared = new Dictionary<string, string> { ["Sync:Redis"] = redis.Configuration };
        await using var instanceA = await AppServer.StartAsync(shared);
        await using var instanceB = await AppServer.StartAsync(shared, instanceA.DataDirectory);

        // The same person on two devices: one signed in through A, one through B.
        var onA = new DashboardPage(await browsers.NewPageAsync(instanceA));
        var email = DashboardPage.NewEmail();
        await onA.RegisterAsync(email);
        var onB = new DashboardPage(await browsers.NewPageAsync(instanceB));
        await onB.SignInAsync(email);

        await onA.AddAsync("Made on A");
        await Expect(onB.Row("Made on A")).ToHaveCountAsync(1);

        await onB.Row("Made on A").GetByTestId("task-done-toggle").CheckAsync();
        await Expect(onA.Row("Made on A")).ToHaveAttributeAsync("data-done", "true");

        // The assistant on A answers; the tab on B sees the thread and the finished answer.
        await onA.AskAsync("add water the plants");
        await Expect(onB.Row("Water the plants")).ToHaveCountAsync(1);
        await Expect(onB.Page.GetByTestId("thread-item")).ToHaveCountAsync(1);
    }
}
