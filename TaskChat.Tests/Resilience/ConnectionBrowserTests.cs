using System.Diagnostics;
using Microsoft.Playwright;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static TaskChat.Tests.Infrastructure.OpenAIChunks;

namespace TaskChat.Tests.Resilience;

/// <summary>
/// A tab whose connection drops: the header says so, what the user types is kept, Send waits for the
/// connection, and the answer that kept streaming on the server arrives whole.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConnectionBrowserTests(BrowserFixture browsers, ScriptedAppFixture scripted) : IClassFixture<ScriptedAppFixture>
{
    // Every data-state the header indicator goes through, with the page's clock, so a test sees a
    // "reconnecting" that lasted only milliseconds.
    private const string RecordConnection = """
        window.__connection = [];
        new MutationObserver(() => {
            const el = document.querySelector('[data-testid=connection-status]');
            const last = window.__connection[window.__connection.length - 1];
            if (el && last?.state !== el.dataset.state) window.__connection.push({ state: el.dataset.state, at: performance.now() });
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
        """;

    [BrowserFact]
    public async Task A_dropped_connection_mid_answer_reconnects_and_the_answer_arrives_whole_with_the_typing_kept()
    {
        var page = new DashboardPage(await browsers.NewPageAsync(scripted.App));
        await page.Page.AddInitScriptAsync(RecordConnection);
        await page.RegisterAsync(DashboardPage.NewEmail());
        scripted.Provider.EnqueueStream(Role(), Text("Part one."),
            new SseChunk(Text(" Part two."), TimeSpan.FromSeconds(1.5)), new SseChunk(Text(" Part three."), TimeSpan.FromMilliseconds(300)), Finish("stop"));
        await page.SendAsync("tell me in three parts");
        var answer = page.Answers.Last;
        await Expect(answer).ToContainTextAsync("Part one.");
        var input = page.Page.GetByTestId("chat-input");
        await input.FillAsync("typed while online");

        // The network goes: the socket closes and no reconnection can get through until it is back.
        await page.Page.RouteAsync("**/_blazor/negotiate**", route => route.AbortAsync());
        await page.Page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");

        var status = page.Page.GetByTestId("connection-status");
        await Expect(status).ToHaveAttributeAsync("data-state", "reconnecting");
        await Expect(status).ToHaveAttributeAsync("data-attempt", new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        await Expect(page.Page.GetByTestId("reconnect-banner")).ToBeVisibleAsync();
        var send = page.Page.GetByTestId("chat-send");
        await Expect(send).ToHaveAttributeAsync("aria-disabled", "true");
        await Expect(page.Page.GetByTestId("send-offline-reason")).ToBeVisibleAsync();
        await Expect(page.Page.GetByTestId("send-offline-reason")).ToContainTextAsync("your message is kept");

        // Typing goes on while offline; Enter sends nothing.
        await input.PressSequentiallyAsync(", and offline");
        await input.PressAsync("Enter");
        await send.ClickAsync(new() { Force = true });
        await Expect(input).ToHaveValueAsync("typed while online, and offline");

        // Meanwhile the server finished the answer (the database says so). The network comes back.
        var id = long.Parse((await answer.GetAttributeAsync("data-message-id"))!);
        await Eventually.TrueAsync(async () => (await AppDatabase.MessageAsync(scripted.App, id)).Status == TaskChat.Core.Chat.MessageStatus.Complete,
            $"message {id} to be saved as complete", TimeSpan.FromSeconds(30));
        await page.Page.UnrouteAllAsync();
        await Expect(status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(send).Not.ToHaveAttributeAsync("aria-disabled", "true");
        await Expect(page.Page.GetByTestId("send-offline-reason")).ToBeHiddenAsync();
        await Expect(page.Page.GetByTestId("reconnect-banner")).ToBeHiddenAsync();

        await Expect(answer).ToHaveAttributeAsync("data-status", "complete");
        Assert.Equal("Part one. Part two. Part three.", (await answer.Locator(".message-text").InnerTextAsync()).Trim());
        await Expect(page.Answers).ToHaveCountAsync(1);
        await Expect(input).ToHaveValueAsync("typed while online, and offline");

        // The server has every keystroke: what is sent is what the box shows.
        scripted.Provider.EnqueueStream(Role(), Text("Got it."), Finish("stop"));
        await input.PressAsync("Enter");
        await Expect(page.Answers).ToHaveCountAsync(2);
        await Expect(page.Page.Locator("[data-testid=message][data-role=user]").Last.Locator(".message-text")).ToHaveTextAsync("typed while online, and offline");
        await Expect(input).ToHaveValueAsync("");

        var states = await page.Page.EvaluateAsync<ConnectionState[]>("() => window.__connection");
        var lost = Array.FindIndex(states, s => s.State == "reconnecting");
        Assert.True(lost > 0 && states[lost..].Any(s => s.State == "connected"), string.Join(" → ", states.Select(s => s.State)));
    }

    [BrowserFact]
    public async Task A_brief_drop_reconnects_at_once_and_the_stream_carries_on()
    {
        var page = new DashboardPage(await browsers.NewPageAsync(scripted.App));
        await page.Page.AddInitScriptAsync(RecordConnection);
        await page.RegisterAsync(DashboardPage.NewEmail());
        var words = Enumerable.Range(1, 40).Select(i => $" w{i}").ToArray();
        scripted.Provider.EnqueueStream([new SseChunk(Role()), .. words.Select(w => new SseChunk(Text(w), TimeSpan.FromMilliseconds(50))), new SseChunk(Finish("stop"))]);
        await page.SendAsync("count to forty");
        var answer = page.Answers.Last;
        await Expect(answer).ToContainTextAsync("w5");

        var reconnects = new List<double>();
        for (var drop = 0; drop < 3; drop++)
        {
            var before = (await page.Page.EvaluateAsync<ConnectionState[]>("() => window.__connection")).Length;
            var dropped = await page.Page.EvaluateAsync<double>("() => { Blazor._internal.forceCloseConnection(); return performance.now(); }");
            await page.Page.WaitForFunctionAsync($"() => window.__connection.slice({before}).some(s => s.state === 'connected')");
            var states = (await page.Page.EvaluateAsync<ConnectionState[]>("() => window.__connection"))[before..];
            Assert.Equal("reconnecting", states[0].State);
            reconnects.Add(states.First(s => s.State == "connected").At - dropped);
            // The stream carries on over the new connection (more text arrives, or the answer ends)
            // before the next drop.
            var shown = await answer.Locator(".message-text").InnerTextAsync();
            await page.Page.WaitForFunctionAsync("shown => { const a = [...document.querySelectorAll('[data-testid=message][data-role=assistant]')].pop(); return a && (a.dataset.status !== 'streaming' || a.querySelector('.message-text')?.innerText !== shown); }", shown);
        }

        await Expect(answer).ToHaveAttributeAsync("data-status", "complete");
        Assert.Equal(string.Concat(words).Trim(), (await answer.Locator(".message-text").InnerTextAsync()).Trim());
        Console.WriteLine($"connection loss → reconnected: {string.Join(", ", reconnects.Select(ms => $"{ms:F0} ms"))}");
        Assert.All(reconnects, ms => Assert.InRange(ms, 0, 5_000));
    }

    private sealed class ConnectionState
    {
        public string State { get; set; } = "";
        public double At { get; set; }
    }
}
