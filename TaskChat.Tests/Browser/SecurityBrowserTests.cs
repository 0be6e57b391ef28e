using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SecurityBrowserTests(BrowserFixture fixture)
{
    // Every Content-Security-Policy refusal the page meets, recorded from its first script on.
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
        """;

    [BrowserFact]
    public async Task The_dashboard_chat_and_mudblazor_components_work_under_the_content_security_policy()
    {
        var page = new DashboardPage(await fixture.NewPageAsync());
        var console = new List<string>();
        page.Page.Console += (_, message) => { lock (console) console.Add(message.Text); };
        await page.Page.AddInitScriptAsync(RecordViolations);

        await page.RegisterAsync(DashboardPage.NewEmail()); // the account pages, then the circuit over ws://
        await page.AddAsync("Buy milk");
        var editor = await page.OpenEditorAsync("Buy milk");
        await editor.GetByTestId("edit-priority").GetByText("High").ClickAsync();
        await editor.GetByTestId("edit-due").FillAsync("2030-05-17T09:30");
        await editor.GetByTestId("edit-save").ClickAsync();
        await Expect(page.Row("Buy milk").GetByTestId("task-due")).ToContainTextAsync("17 May 2030 09:30");

        // A dropdown opens a popover MudBlazor positions with inline styles.
        await page.Page.GetByTestId("priority-filter").ClickAsync();
        await page.Page.GetByRole(AriaRole.Option, new() { Name = "High", Exact = true }).ClickAsync();
        await Expect(page.Rows).ToHaveCountAsync(1);
        await page.Page.GetByTestId("clear-filters").ClickAsync();

        var answer = await page.AskAsync("add call mum tomorrow");
        await Expect(answer).ToHaveAttributeAsync("data-status", "complete");
        await Expect(page.Row("Call mum")).ToHaveCountAsync(1);

        await page.ReloadAsync(); // a second circuit, prerendered first
        await Expect(page.Page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "connected");
        Assert.Empty(await page.Page.EvaluateAsync<string[]>("() => window.__cspViolations"));
        lock (console) Assert.DoesNotContain(console, m => m.Contains("Content Security Policy") || m.StartsWith("Refused to"));
    }

    [BrowserFact]
    public async Task After_the_sign_in_is_revoked_open_tabs_can_neither_add_tasks_nor_send_messages()
    {
        var email = DashboardPage.NewEmail();
        var tasksTab = new DashboardPage(await fixture.NewPageAsync());
        await tasksTab.RegisterAsync(email);
        await tasksTab.AddAsync("Written while signed in");
        var chatTab = new DashboardPage(await tasksTab.Page.Context.NewPageAsync()); // same browser, same cookie
        await chatTab.Page.GotoAsync("/");
        await chatTab.WaitUntilConnectedAsync();

        // What a password change elsewhere does to every earlier sign-in.
        Assert.Equal(1, await AppDatabase.ExecuteAsync(fixture.App, "UPDATE AspNetUsers SET SecurityStamp = 'revoked-elsewhere' WHERE Email = $email", ("$email", email)));
        await Task.Delay(TimeSpan.FromSeconds(3.5)); // past the few seconds one check covers (Accounts:ActivityCheckSeconds)

        // The first keystroke is already refused and sends the tab to sign in, so the text and its
        // Enter go in one step: the Enter must be refused too, not merely never pressed.
        await TypeAndEnterAsync(tasksTab.Page.GetByTestId("new-task-input"), "Written after revocation");
        await Expect(tasksTab.Page).ToHaveURLAsync(new Regex("/account/login"));

        await TypeAndEnterAsync(chatTab.Page.GetByTestId("chat-input"), "add sent after revocation");
        await Expect(chatTab.Page).ToHaveURLAsync(new Regex("/account/login"));

        Assert.Equal(0L, await AppDatabase.ScalarAsync<long>(fixture.App, "SELECT COUNT(*) FROM Tasks WHERE Title = 'Written after revocation'"));
        Assert.Equal(1L, await AppDatabase.ScalarAsync<long>(fixture.App, "SELECT COUNT(*) FROM Tasks WHERE Title = 'Written while signed in'"));
        Assert.Equal(0L, await AppDatabase.ScalarAsync<long>(fixture.App, "SELECT COUNT(*) FROM ChatMessages WHERE Text LIKE '%after revocation%'"));
        Assert.Equal(0L, await AppDatabase.ScalarAsync<long>(fixture.App, "SELECT COUNT(*) FROM Tasks WHERE Title LIKE '%after revocation%'"));
    }

    private static Task TypeAndEnterAsync(ILocator box, string text) => box.EvaluateAsync("""
        (box, text) => {
            box.value = text;
            box.dispatchEvent(new Event('input', { bubbles: true }));
            box.dispatchEvent(new Event('change', { bubbles: true }));
            box.form.requestSubmit(); // what Enter does in both boxes
        }
        """, text);
}
