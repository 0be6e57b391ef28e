using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Browser;

/// <summary>
/// A chat message of any script, up to the 10,000-character limit, typed, pasted, kept as a draft
/// over a reload, sent and shown, with the circuit connected all along (its hub is sized from the
/// limit); a draft the circuit could not carry is cut once, never resent in a loop.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MessageLengthBrowserTests(BrowserFixture fixture)
{
    private const int Limit = 10_000;

    // Every state the connection indicator takes on this page load: a dropped circuit shows as
    // "reconnecting" however briefly.
    private const string RecordConnection = """
        window.__connection = [];
        new MutationObserver(() => {
            const state = document.querySelector('[data-testid=connection-status]')?.dataset.state;
            if (state && window.__connection[window.__connection.length - 1] !== state) window.__connection.push(state);
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
        """;

    [BrowserTheory]
    [InlineData("漢")]
    [InlineData("é")]
    [InlineData("\"")]
    [InlineData("😀")] // two UTF-16 units: 5,000 of them make the limit
    public async Task A_message_at_the_limit_is_typed_kept_over_a_reload_sent_and_shown_whole(string character)
    {
        var page = await SignedInAsync();
        var input = page.Page.GetByTestId("chat-input");
        var count = Limit / character.Length;
        var text = string.Concat(Enumerable.Repeat(character, count));

        // Pasted all but the last character, then the last one typed: two events, both carrying the whole value.
        await input.FillAsync(text[..^character.Length]);
        await input.PressSequentiallyAsync(character);
        await Expect(page.Page.GetByTestId("chat-count")).ToHaveTextAsync("10,000 / 10,000");
        await input.PressSequentiallyAsync("x"); // the box holds no more
        await Expect(input).ToHaveValueAsync(text);
        await AssertConnectedAllAlongAsync(page);

        await page.ReloadAsync();
        await Expect(input).ToHaveValueAsync(text);
        await Expect(page.Page.GetByTestId("chat-count")).ToHaveTextAsync("10,000 / 10,000"); // the server has it again
        await Expect(page.Page.GetByTestId("chat-draft-cut")).ToHaveCountAsync(0);

        await input.PressAsync("Enter");
        var sent = page.Page.Locator("[data-testid=message][data-role=user] .message-text");
        await Expect(sent).ToHaveCountAsync(1);
        Assert.Equal(text, await sent.TextContentAsync());
        await Expect(input).ToHaveValueAsync("");
        await Expect(page.Answers.First).Not.ToHaveAttributeAsync("data-status", "streaming");
        await AssertConnectedAllAlongAsync(page);

        await page.ReloadAsync(); // sent: no draft comes back
        await Expect(input).ToHaveValueAsync("");
    }

    [BrowserFact]
    public async Task A_saved_draft_over_the_limit_is_cut_once_with_a_notice_and_the_tab_stays_connected()
    {
        var page = await SignedInAsync();
        var input = page.Page.GetByTestId("chat-input");
        await KeepingDraftsAsync(page);

        // As if saved before the limit was lowered: a little over it (the circuit could carry it, but it could never be sent).
        await SaveDraftAsync(page, "m", Limit + 500);
        await page.ReloadAsync();
        await Expect(page.Page.GetByTestId("chat-draft-cut")).ToContainTextAsync("Your draft had 10,500 characters");
        await Expect(input).ToHaveValueAsync(new string('m', Limit));
        await Expect(page.Page.GetByTestId("chat-count")).ToHaveTextAsync("10,000 / 10,000");

        // Far more than the circuit could carry: sent as it was, it would drop the circuit on every load and reconnect.
        await SaveDraftAsync(page, "漢", 30_000);
        await page.ReloadAsync();
        await Expect(page.Page.GetByTestId("chat-draft-cut")).ToContainTextAsync("Your draft had 30,000 characters");
        await Expect(page.Page.GetByTestId("chat-draft-cut")).ToContainTextAsync("cut to the first 10,000");
        await Expect(input).ToHaveValueAsync(new string('漢', Limit));
        await Expect(page.Page.GetByTestId("chat-count")).ToHaveTextAsync("10,000 / 10,000");
        await AssertConnectedAllAlongAsync(page);

        // Cut for good: the next load restores the cut draft, says nothing, and sends it.
        await page.ReloadAsync();
        await Expect(input).ToHaveValueAsync(new string('漢', Limit));
        await Expect(page.Page.GetByTestId("chat-draft-cut")).ToHaveCountAsync(0);
        await input.PressAsync("Enter");
        await Expect(page.Page.Locator("[data-testid=message][data-role=user]")).ToHaveCountAsync(1);
        await AssertConnectedAllAlongAsync(page);
    }

    [BrowserFact]
    public async Task A_value_put_past_the_box_by_script_is_cut_before_it_reaches_the_circuit()
    {
        var page = await SignedInAsync();
        var input = page.Page.GetByTestId("chat-input");
        await KeepingDraftsAsync(page);

        // 100,000 quotes: 200 KB as JSON, more than the circuit takes for a draft.
        await input.EvaluateAsync("(box, n) => { box.removeAttribute('maxlength'); box.value = '\"'.repeat(n); box.dispatchEvent(new Event('input', { bubbles: true })); }", 100_000);
        await Expect(page.Page.GetByTestId("chat-draft-cut")).ToContainTextAsync("Your draft had 100,000 characters");
        await Expect(input).ToHaveValueAsync(new string('"', Limit));
        await Expect(page.Page.GetByTestId("chat-count")).ToHaveTextAsync("10,000 / 10,000");
        await AssertConnectedAllAlongAsync(page);

        // An emoji across the cut is dropped whole, not split into half a character.
        await input.EvaluateAsync("(box, n) => { box.value = 'a' + '😀'.repeat(n); box.dispatchEvent(new Event('input', { bubbles: true })); }", 50_000);
        await Expect(page.Page.GetByTestId("chat-draft-cut")).ToContainTextAsync("Your draft had 100,001 characters");
        await Expect(input).ToHaveValueAsync("a" + string.Concat(Enumerable.Repeat("😀", (Limit - 2) / 2)));
        await Expect(page.Page.GetByTestId("chat-count")).ToHaveTextAsync("9,999 / 10,000");

        // Just over the limit still fits the circuit: it reaches the server, which says how much too long.
        await input.EvaluateAsync("(box, n) => { box.value = 'm'.repeat(n); box.dispatchEvent(new Event('input', { bubbles: true })); }", Limit + 5);
        await Expect(page.Page.GetByTestId("chat-count")).ToHaveTextAsync("10,005 / 10,000 · 5 too many");
        await Expect(page.Page.GetByTestId("chat-send")).ToBeDisabledAsync();
        await AssertConnectedAllAlongAsync(page);
    }

    private async Task<DashboardPage> SignedInAsync()
    {
        var page = new DashboardPage(await fixture.NewPageAsync());
        await page.Page.AddInitScriptAsync(RecordConnection);
        await page.RegisterAsync(DashboardPage.NewEmail());
        return page;
    }

    // The box's draft keeper is attached once the circuit is up; a draft it saved says it is.
    private static async Task KeepingDraftsAsync(DashboardPage page)
    {
        await page.Page.GetByTestId("chat-input").FillAsync("a short draft");
        await page.Page.WaitForFunctionAsync("() => Object.keys(sessionStorage).some(k => k.startsWith('taskchat.draft.'))");
    }

    private static Task SaveDraftAsync(DashboardPage page, string character, int count) =>
        page.Page.EvaluateAsync("([c, n]) => { const key = Object.keys(sessionStorage).find(k => k.startsWith('taskchat.draft.')); sessionStorage.setItem(key, c.repeat(n)); }", new object[] { character, count });

    private static async Task AssertConnectedAllAlongAsync(DashboardPage page)
    {
        await page.WaitUntilConnectedAsync();
        var states = await page.Page.EvaluateAsync<string[]>("() => window.__connection");
        Assert.Equal("connected", states[^1]);
        Assert.DoesNotContain("reconnecting", states);
        Assert.DoesNotContain("disconnected", states);
    }
}
