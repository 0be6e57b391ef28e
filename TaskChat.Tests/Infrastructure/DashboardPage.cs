using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TaskChat.Tests.Infrastructure;

/// <summary>What a person does on the dashboard, in the words of the data-testid hooks.</summary>
public sealed class DashboardPage(IPage page)
{
    public const string Password = TestAccounts.Password;

    public IPage Page => page;
    public ILocator Rows => page.GetByTestId("task-row");
    public ILocator Row(string title) => Rows.Filter(new() { Has = page.GetByTestId("task-title").GetByText(title, new() { Exact = true }) });

    /// <summary>Opens a task's inline editor; the returned locator stays on that task's row.</summary>
    public async Task<ILocator> OpenEditorAsync(string title)
    {
        var id = await Row(title).GetAttributeAsync("data-task-id");
        await Row(title).GetByTestId("task-edit").ClickAsync();
        var editor = page.Locator($"[data-testid=task-row][data-task-id='{id}'] [data-testid=task-editor]");
        await Expect(editor).ToBeVisibleAsync();
        return editor;
    }

    public ILocator Answers => page.Locator("[data-testid=message][data-role=assistant]");

    /// <summary>Types a message, sends it with Enter and waits for the answer to end (any final status).</summary>
    public async Task<ILocator> AskAsync(string text)
    {
        var before = await Answers.CountAsync();
        await SendAsync(text);
        var answer = Answers.Nth(before);
        await Expect(answer).Not.ToHaveAttributeAsync("data-status", "streaming");
        return answer;
    }

    /// <summary>Types a message and sends it with Enter, without waiting for the answer.</summary>
    public async Task SendAsync(string text)
    {
        var before = await Answers.CountAsync();
        var input = page.GetByTestId("chat-input");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
        await Expect(Answers).ToHaveCountAsync(before + 1);
    }

    // The submit's navigation ends on the dashboard, prerendered: on an instance just started, the
    // first one renders cold (every component compiled on first use), which on a loaded 2-core CI
    // machine has taken longer than the usual 15 s.
    private const float FirstPageTimeoutMs = 45_000;

    public static string NewEmail() => TestAccounts.NewEmail();

    public async Task RegisterAsync(string email)
    {
        await page.GotoAsync("account/register");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirm password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync(new() { Timeout = FirstPageTimeoutMs });
        await WaitUntilConnectedAsync();
    }

    public async Task SignInAsync(string email)
    {
        await page.GotoAsync("account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(new() { Timeout = FirstPageTimeoutMs });
        await WaitUntilConnectedAsync();
    }

    /// <summary>Signs out from the app bar's account menu (of this browser, or of every device) and waits for the sign-in page.</summary>
    public async Task SignOutAsync(bool everywhere = false)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Account", Exact = true }).ClickAsync();
        await page.GetByTestId(everywhere ? "sign-out-everywhere" : "sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    /// <summary>Clicks before the circuit is up would be lost; the app says when it is.</summary>
    public async Task WaitUntilConnectedAsync() =>
        await Expect(page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "connected");

    public async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await WaitUntilConnectedAsync();
    }

    public async Task AddAsync(string title)
    {
        var count = await Rows.CountAsync();
        var input = page.GetByTestId("new-task-input");
        await input.FillAsync(title);
        await input.PressAsync("Enter");
        await Expect(Rows).ToHaveCountAsync(count + 1);
        await Expect(input).ToHaveValueAsync("");
    }
}
