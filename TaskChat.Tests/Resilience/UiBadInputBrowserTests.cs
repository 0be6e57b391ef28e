using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Resilience;

/// <summary>
/// The bad-input rows that matter most, typed into the real app in Chromium: each shows its message,
/// leaves the database as it was, and the circuit stays alive (a task added by hand afterwards works).
/// Also: hostile markup in titles and model output stays text, and long unbroken words stay inside the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UiBadInputBrowserTests(BrowserFixture fixture)
{
    private const string Direction = "cannot contain text-direction control characters (U+202A–U+202E, U+2066–U+2069): they can make it display differently from what it says.";

    public static readonly (string Row, string Title, string Notice)[] QuickAddRows =
    [
        ("empty title", "", "Title is required."),
        ("whitespace-only title", "     ", "Title is required."),
        ("over-long title", new string('x', 256), "Title must be at most 255 characters (it has 256)."),
        ("10,000-character single-word title", new string('w', 10_000), "Title must be at most 255 characters (it has 10000)."),
        ("NUL in title", "Buy\0milk", "Title cannot contain control characters."),
        ("BEL in title", "Ring\u0007bell", "Title cannot contain control characters."),
        ("right-to-left override in title", "invoice\u202Etxt.exe", "Title " + Direction),
    ];

    private async Task<DashboardPage> SignedInAsync(string? email = null)
    {
        var page = new DashboardPage(await fixture.NewPageAsync());
        await page.Page.SetViewportSizeAsync(1280, 800);
        await page.RegisterAsync(email ?? DashboardPage.NewEmail());
        return page;
    }

    private Task<DbSnapshot> SnapshotAsync() => DbSnapshot.TakeAsync(fixture.App.DatabasePath);

    /// <summary>
    /// A tab's events are handled one after another on its circuit: once the server has rendered the
    /// count (shown past 80 % of the limit) for text typed after an action, that action has been
    /// handled in full. What a refused action would have written is in the database by then, without
    /// waiting for a guessed time.
    /// </summary>
    private static async Task RoundTripAsync(DashboardPage page, int length)
    {
        await page.Page.GetByTestId("chat-input").EvaluateAsync("(box, n) => { box.removeAttribute('maxlength'); box.value = 'r'.repeat(n); box.dispatchEvent(new Event('input', { bubbles: true })); }", length);
        await Expect(page.Page.GetByTestId("chat-count")).ToHaveTextAsync(new Regex($"^{Regex.Escape($"{length:N0} / 10,000")}( · .* too many)?$"));
    }

    /// <summary>This user's rows as the database holds them: task titles, and how many chats and messages.</summary>
    private async Task<(string[] Titles, long Threads, long Messages)> StoredAsync(string email)
    {
        const string user = "(SELECT Id FROM AspNetUsers WHERE Email = $email)";
        var app = fixture.App;
        var titles = await AppDatabase.ColumnAsync<string>(app, $"SELECT Title FROM Tasks WHERE OwnerId = {user} ORDER BY Title", ("$email", email));
        var threads = await AppDatabase.ScalarAsync<long>(app, $"SELECT COUNT(*) FROM ChatThreads WHERE OwnerId = {user}", ("$email", email));
        var messages = await AppDatabase.ScalarAsync<long>(app, $"SELECT COUNT(*) FROM ChatMessages WHERE ThreadId IN (SELECT Id FROM ChatThreads WHERE OwnerId = {user})", ("$email", email));
        return ([.. titles], threads, messages);
    }

    [BrowserFact]
    public async Task Bad_titles_messages_dates_and_a_vanished_task_are_refused_specifically_and_change_nothing()
    {
        var email = DashboardPage.NewEmail();
        var page = await SignedInAsync(email);
        await page.AddAsync("Water plants");
        var input = page.Page.GetByTestId("new-task-input");
        var notice = page.Page.GetByTestId("task-notice");

        foreach (var (row, title, message) in QuickAddRows)
        {
            var before = await SnapshotAsync();
            await input.FillAsync(title);
            await input.PressAsync("Enter");
            await Expect(notice.Locator(".task-notice-text")).ToHaveTextAsync(message);
            await Expect(page.Rows).ToHaveCountAsync(1);
            before.AssertSameAs(await SnapshotAsync(), row);
        }
        // The circuit survived every refusal.
        await page.AddAsync("Still alive");

        // Editor: invalid due date (the browser's date field accepts year 1900; the rule does not).
        var beforeDue = await SnapshotAsync();
        var editor = await page.OpenEditorAsync("Water plants");
        await editor.GetByTestId("edit-due").FillAsync("1900-01-01T10:00");
        await editor.GetByTestId("edit-save").ClickAsync();
        await Expect(editor).ToContainTextAsync("Due date must be between 1970 and 9998.");
        beforeDue.AssertSameAs(await SnapshotAsync(), "invalid due date");

        // Editor: empty title.
        await editor.GetByTestId("edit-title").FillAsync("");
        await editor.GetByTestId("edit-title").PressAsync("Enter");
        await Expect(editor).ToContainTextAsync("Title is required.");
        beforeDue.AssertSameAs(await SnapshotAsync(), "editor empty title");
        await editor.GetByTestId("edit-cancel").ClickAsync();

        // Editing a task deleted in another tab of the same user.
        var other = new DashboardPage(await page.Page.Context.NewPageAsync());
        await other.Page.GotoAsync("/");
        await other.WaitUntilConnectedAsync();
        editor = await page.OpenEditorAsync("Still alive");
        await editor.GetByTestId("edit-title").FillAsync("Renamed in this tab");
        await other.Row("Still alive").GetByTestId("task-delete").ClickAsync();
        await Expect(notice).ToContainTextAsync("The task you were editing was deleted elsewhere.");
        await Expect(page.Page.GetByTestId("task-editor")).ToHaveCountAsync(0);
        var afterDelete = await SnapshotAsync();
        await RoundTripAsync(page, 8_001);
        afterDelete.AssertSameAs(await SnapshotAsync(), "edit of a task deleted elsewhere");
        Assert.Equal(0, await page.Row("Renamed in this tab").CountAsync());

        // Chat: an empty message cannot be sent (Send disabled, Enter does nothing) and writes nothing.
        var chatInput = page.Page.GetByTestId("chat-input");
        var beforeChat = await SnapshotAsync();
        await chatInput.FillAsync("   ");
        await chatInput.PressAsync("Enter");
        await Expect(page.Page.GetByTestId("chat-send")).ToBeDisabledAsync();
        await Expect(page.Page.GetByTestId("chat-send")).ToHaveAttributeAsync("title", "Type a message first");
        await RoundTripAsync(page, 8_002);
        Assert.Equal(0, await page.Page.GetByTestId("message").CountAsync());
        beforeChat.AssertSameAs(await SnapshotAsync(), "empty message");

        // Chat: over the limit (pasted past the box's maxlength by script): the count says so, Send is refused.
        await chatInput.EvaluateAsync("(box, n) => { box.removeAttribute('maxlength'); box.value = 'm'.repeat(n); box.dispatchEvent(new Event('input', { bubbles: true })); }", 10_001);
        await Expect(page.Page.GetByTestId("chat-count")).ToHaveTextAsync("10,001 / 10,000 · 1 too many");
        await chatInput.PressAsync("Enter");
        await Expect(page.Page.GetByTestId("chat-send")).ToBeDisabledAsync();
        await RoundTripAsync(page, 10_002);
        Assert.Equal(0, await page.Page.GetByTestId("message").CountAsync());
        beforeChat.AssertSameAs(await SnapshotAsync(), "over-long message");

        // What all of it left behind: the one task added by hand (the other was deleted in the other
        // tab), untouched by the refused edits, and no chat at all. The page shows the same.
        var stored = await StoredAsync(email);
        Assert.Equal(["Water plants"], stored.Titles);
        Assert.Equal((0L, 0L), (stored.Threads, stored.Messages));
        await Expect(page.Rows).ToHaveCountAsync(1);
        await Expect(page.Row("Water plants")).ToHaveCountAsync(1);
        await Expect(page.Page.GetByTestId("thread-item")).ToHaveCountAsync(0);
        // And the circuit is still alive after every refusal.
        await page.AddAsync("Added after the refusals");
        Assert.Equal(["Added after the refusals", "Water plants"], (await StoredAsync(email)).Titles);
    }

    [BrowserFact]
    public async Task Long_unbroken_words_in_a_title_and_a_message_stay_inside_the_viewport()
    {
        var page = await SignedInAsync();
        var title = new string('W', 255); // the longest title allowed, one word
        await page.AddAsync(title);
        var answer = await page.AskAsync(new string('M', 10_000));
        await Expect(answer).Not.ToHaveAttributeAsync("data-status", "streaming");

        var width = await page.Page.EvaluateAsync<int>("() => document.documentElement.clientWidth");
        var rowRight = await page.Row(title).EvaluateAsync<double>("r => r.getBoundingClientRect().right");
        var bubbleRight = await page.Page.Locator("[data-testid=message][data-role=user]").EvaluateAsync<double>("m => m.getBoundingClientRect().right");
        var scrollWidth = await page.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(rowRight <= width, $"task row ends at {rowRight}px, viewport is {width}px");
        Assert.True(bubbleRight <= width, $"message bubble ends at {bubbleRight}px, viewport is {width}px");
        Assert.True(scrollWidth <= width, $"the page scrolls sideways: {scrollWidth}px wide in a {width}px viewport");
        await page.AddAsync("Layout did not break the circuit");
    }

    [BrowserFact]
    public async Task Hostile_markup_in_titles_and_in_the_offline_answer_is_shown_as_text_and_never_runs()
    {
        var page = await SignedInAsync();
        var dialogs = 0;
        page.Page.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
        string[] titles = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "[x](javascript:alert(3))", "<div onclick=alert(4)>raw html block</div>"];
        foreach (var title in titles) await page.AddAsync(title);

        // The offline assistant lists the titles back in Markdown: the other path they reach the page by.
        var answer = await page.AskAsync("list my tasks");
        await Expect(answer).ToHaveAttributeAsync("data-status", "complete");

        foreach (var title in titles) await Expect(page.Row(title)).ToHaveCountAsync(1);
        await Expect(answer).ToContainTextAsync("<script>alert(1)</script>");
        var app = page.Page.Locator("[data-testid=task-list], [data-testid=message-list]");
        Assert.Equal(0, await app.Locator("script, img, img[onerror], [onclick], [onerror], a[href^='javascript' i]").CountAsync());
        Assert.Equal(0, await page.Page.Locator("a[href^='javascript' i], img[onerror], [onerror]").CountAsync());
        // Inline scripts anywhere would be ours only if we wrote one: the page has none of its own.
        Assert.Equal(0, await page.Page.Locator("script:not([src])").EvaluateAllAsync<int>("s => s.filter(x => x.textContent.includes('alert')).length"));
        await page.ReloadAsync();
        // The reloaded page (prerendered, then live) has shown everything, and every load it started
        // (an injected image's failing request included) has ended: any handler would have run.
        foreach (var title in titles) await Expect(page.Row(title)).ToHaveCountAsync(1);
        await Expect(page.Answers.Last).ToContainTextAsync("<script>alert(1)</script>");
        await page.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(0, await page.Page.Locator("a[href^='javascript' i], img[onerror], [onerror]").CountAsync());
        Assert.Equal(0, dialogs);
    }
}
