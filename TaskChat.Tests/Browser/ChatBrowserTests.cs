using Microsoft.Playwright;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static TaskChat.Tests.Infrastructure.OpenAIChunks;

namespace TaskChat.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ChatBrowserTests(BrowserFixture fixture)
{
    // Records every data-status each message element goes through, so a test can see "streaming"
    // however briefly it lasted.
    private const string RecordStatuses = """
        window.__statuses = {};
        new MutationObserver(records => {
            for (const r of records) {
                const nodes = r.type === 'attributes' ? [r.target] : [...r.addedNodes].flatMap(n => n.querySelectorAll ? [n, ...n.querySelectorAll('[data-testid=message]')] : []);
                for (const n of nodes) {
                    if (n.dataset?.testid !== 'message' || n.dataset.role !== 'assistant') continue;
                    const seen = window.__statuses[n.dataset.messageId] ??= [];
                    if (seen[seen.length - 1] !== n.dataset.status) seen.push(n.dataset.status);
                }
            }
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
        """;

    [BrowserFact]
    public async Task Add_buy_milk_tomorrow_streams_shows_a_tool_card_and_the_task_appears_without_reload()
    {
        var page = new DashboardPage(await fixture.NewPageAsync());
        await page.Page.AddInitScriptAsync(RecordStatuses);
        await page.RegisterAsync(DashboardPage.NewEmail());
        await Expect(page.Page.GetByTestId("assistant-mode")).ToHaveTextAsync("Offline assistant");

        var answer = await page.AskAsync("add buy milk tomorrow");

        await Expect(answer).ToHaveAttributeAsync("data-status", "complete");
        await Expect(answer.GetByTestId("tool-call")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(answer.GetByTestId("tool-call")).ToContainTextAsync("Added task Buy milk — due Tomorrow");
        await Expect(answer).ToContainTextAsync("Buy milk");
        await Expect(page.Row("Buy milk")).ToHaveCountAsync(1);
        await Expect(page.Row("Buy milk").GetByTestId("task-due")).ToContainTextAsync("Tomorrow");

        var id = await answer.GetAttributeAsync("data-message-id");
        var statuses = await page.Page.EvaluateAsync<string[]>($"() => window.__statuses['{id}']");
        Assert.Equal(["streaming", "complete"], statuses);
        await Expect(page.Page.GetByTestId("thread-item").First).ToContainTextAsync("add buy milk tomorrow");
    }

    [BrowserFact]
    public async Task With_gemini_add_buy_milk_tomorrow_calls_the_tool_streams_the_answer_and_names_gemini()
    {
        const string apiKey = "AIza-browser-DO-NOT-LEAK-77c1";
        await using var provider = await ScriptedGeminiServer.StartAsync();
        await using var app = await AppServer.StartAsync(new Dictionary<string, string>
        {
            ["Assistant:Provider"] = "Gemini",
            ["Assistant:Endpoint"] = provider.Endpoint.ToString(),
            ["Assistant:ApiKey"] = apiKey,
        });
        var page = new DashboardPage(await fixture.NewPageAsync(app));
        await page.Page.AddInitScriptAsync(RecordStatuses);
        await page.RegisterAsync(DashboardPage.NewEmail());
        await Expect(page.Page.GetByTestId("assistant-mode")).ToHaveTextAsync("Gemini · gemini-2.5-flash");

        provider.EnqueueStream(GeminiChunks.Call(ToolNames.AddTask, """{"title":"Buy milk","due":"tomorrow"}"""), GeminiChunks.Finish());
        provider.EnqueueStream(GeminiChunks.Text("Added **Buy milk**"),
            new SseChunk(GeminiChunks.Text(" for tomorrow."), TimeSpan.FromMilliseconds(300)), GeminiChunks.Finish());
        var answer = await page.AskAsync("add buy milk tomorrow");

        await Expect(answer).ToHaveAttributeAsync("data-status", "complete");
        await Expect(answer.GetByTestId("tool-call")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(answer.GetByTestId("tool-call")).ToContainTextAsync("Added task Buy milk — due Tomorrow");
        await Expect(answer).ToContainTextAsync("Added Buy milk for tomorrow.");
        await Expect(page.Row("Buy milk")).ToHaveCountAsync(1);
        await Expect(page.Row("Buy milk").GetByTestId("task-due")).ToContainTextAsync("Tomorrow");
        var id = await answer.GetAttributeAsync("data-message-id");
        Assert.Equal(["streaming", "complete"], await page.Page.EvaluateAsync<string[]>($"() => window.__statuses['{id}']"));

        Assert.Equal(2, provider.Requests.Count);
        Assert.All(provider.Requests, r => Assert.Equal(apiKey, r.Header("x-goog-api-key")));
        Assert.DoesNotContain(apiKey, await page.Page.ContentAsync());
        Assert.DoesNotContain(apiKey, app.Output);
    }

    [BrowserFact]
    public async Task Threads_keep_their_conversations_across_switching_and_reload()
    {
        var page = new DashboardPage(await fixture.NewPageAsync());
        await page.RegisterAsync(DashboardPage.NewEmail());
        await page.AskAsync("add water plants");
        var first = await page.Page.GetByTestId("thread-item").First.GetAttributeAsync("data-thread-id");

        await page.Page.GetByTestId("new-thread").ClickAsync();
        await Expect(page.Page.GetByTestId("chat-empty")).ToBeVisibleAsync();
        await page.AskAsync("summarize my tasks");
        await Expect(page.Page.GetByTestId("thread-item")).ToHaveCountAsync(2);

        await page.Page.Locator($"[data-testid=thread-item][data-thread-id='{first}'] .thread-open").ClickAsync();
        await Expect(page.Page.Locator($"[data-testid=thread-item][data-thread-id='{first}']")).ToHaveAttributeAsync("data-active", "true");
        await Expect(page.Page.GetByTestId("message").First.Locator(".message-text")).ToHaveTextAsync("add water plants");

        await page.ReloadAsync();
        await Expect(page.Page.GetByTestId("thread-item")).ToHaveCountAsync(2);
        await Expect(page.Page.GetByTestId("thread-item").First).ToContainTextAsync("summarize my tasks"); // newest first
        await Expect(page.Answers).ToHaveCountAsync(1);
        await Expect(page.Answers.First).ToHaveAttributeAsync("data-status", "complete");

        // Rename, then delete with confirmation.
        var item = page.Page.GetByTestId("thread-item").First;
        await item.GetByTestId("thread-rename").ClickAsync();
        await page.Page.GetByTestId("thread-rename-input").FillAsync("Weekly review");
        await page.Page.GetByTestId("thread-rename-input").PressAsync("Enter");
        await Expect(page.Page.GetByTestId("thread-item").First).ToContainTextAsync("Weekly review");
        await page.Page.GetByTestId("thread-item").First.GetByTestId("thread-delete").ClickAsync();
        await page.Page.GetByTestId("thread-delete-confirm").ClickAsync();
        await Expect(page.Page.GetByTestId("thread-item")).ToHaveCountAsync(1);
    }

    [BrowserFact]
    public async Task Regenerate_and_edit_and_resend_replace_the_last_answer_and_the_view_follows_the_conversation()
    {
        var page = new DashboardPage(await fixture.NewPageAsync());
        await page.Page.SetViewportSizeAsync(1280, 600);
        await page.RegisterAsync(DashboardPage.NewEmail());
        for (var i = 0; i < 6; i++) await page.AskAsync($"add errand number {i}");
        // Followed to the bottom as answers arrived.
        var gap = await page.Page.GetByTestId("message-list").EvaluateAsync<double>("l => l.scrollHeight - l.scrollTop - l.clientHeight");
        Assert.True(gap < 48, $"the list is {gap}px from the bottom");

        var lastId = await page.Answers.Last.GetAttributeAsync("data-message-id");
        await page.Page.GetByTestId("regenerate").ClickAsync();
        await Expect(page.Answers.Last).Not.ToHaveAttributeAsync("data-message-id", lastId!);
        await Expect(page.Answers.Last).ToHaveAttributeAsync("data-status", "complete");
        await Expect(page.Answers).ToHaveCountAsync(6);

        await page.Page.GetByTestId("edit-message").ClickAsync();
        await page.Page.GetByTestId("edit-message-input").FillAsync("add buy bread");
        await page.Page.GetByTestId("edit-message-save").ClickAsync();
        await Expect(page.Answers.Last).ToContainTextAsync("Buy bread");
        await Expect(page.Answers).ToHaveCountAsync(6);
        await Expect(page.Row("Buy bread")).ToHaveCountAsync(1);
    }

    [BrowserFact]
    public async Task Delete_all_tasks_asks_first_and_cancel_keeps_them()
    {
        var page = new DashboardPage(await fixture.NewPageAsync());
        await page.RegisterAsync(DashboardPage.NewEmail());
        await page.AddAsync("Keep me");

        await page.SendAsync("delete all tasks");
        var approval = page.Page.GetByTestId("tool-approval");
        await Expect(approval).ToContainTextAsync("Delete all your tasks? This cannot be undone.");
        await Expect(page.Rows).ToHaveCountAsync(1);
        await approval.GetByTestId("tool-decline").ClickAsync();
        await Expect(page.Answers.Last).ToHaveAttributeAsync("data-status", "complete");
        await Expect(page.Answers.Last.GetByTestId("tool-call")).ToHaveAttributeAsync("data-status", "declined");
        await Expect(page.Rows).ToHaveCountAsync(1);

        await page.SendAsync("delete all tasks");
        await page.Page.GetByTestId("tool-approval").GetByTestId("tool-approve").ClickAsync();
        await Expect(page.Answers.Last).ToHaveAttributeAsync("data-status", "complete");
        await Expect(page.Rows).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task Stop_keeps_the_partial_answer_and_a_failed_answer_can_be_retried()
    {
        await using var provider = await ScriptedOpenAIServer.StartAsync();
        await using var app = await AppServer.StartAsync(new Dictionary<string, string>
        {
            ["Assistant:Provider"] = "OpenAICompatible",
            ["Assistant:Endpoint"] = provider.Endpoint.ToString(),
            ["Assistant:Model"] = "scripted-model",
            ["Assistant:MaxRetries"] = "0",
        });
        var page = new DashboardPage(await fixture.NewPageAsync(app));
        await page.RegisterAsync(DashboardPage.NewEmail());
        await Expect(page.Page.GetByTestId("assistant-mode")).ToHaveTextAsync($"scripted-model · 127.0.0.1");

        provider.EnqueueStream(Role(), Text("Here is the first part"), new SseChunk(Text(" and the rest"), TimeSpan.FromSeconds(30)), Finish("stop"));
        await page.SendAsync("tell me something long");
        var answer = page.Answers.Last;
        await Expect(answer).ToContainTextAsync("Here is the first part");
        await page.Page.GetByTestId("chat-stop").ClickAsync();
        await Expect(answer).ToHaveAttributeAsync("data-status", "stopped");
        await Expect(answer).ToContainTextAsync("Here is the first part");
        await Expect(answer).Not.ToContainTextAsync("the rest");

        provider.EnqueueError(500, Error("The model is overloaded", "server_error"));
        answer = await page.AskAsync("try again later");
        await Expect(answer).ToHaveAttributeAsync("data-status", "failed");
        await Expect(answer.GetByTestId("chat-error")).ToBeVisibleAsync();

        provider.EnqueueStream(Role(), Text("All good now."), Finish("stop"));
        await answer.GetByTestId("chat-retry").ClickAsync();
        await Expect(page.Answers.Last).ToHaveAttributeAsync("data-status", "complete");
        await Expect(page.Answers.Last).ToContainTextAsync("All good now.");
        await Expect(page.Answers).ToHaveCountAsync(2);

        await page.ReloadAsync();
        await Expect(page.Answers.First).ToHaveAttributeAsync("data-status", "stopped");
        await Expect(page.Answers.First).ToContainTextAsync("Here is the first part");
    }

    [BrowserFact]
    public async Task Model_output_cannot_inject_markup_or_script_links_and_the_api_key_stays_on_the_server()
    {
        const string apiKey = "sk-live-DO-NOT-LEAK-4f9a";
        await using var provider = await ScriptedOpenAIServer.StartAsync();
        await using var app = await AppServer.StartAsync(new Dictionary<string, string>
        {
            ["Assistant:Provider"] = "OpenAICompatible",
            ["Assistant:Endpoint"] = provider.Endpoint.ToString(),
            ["Assistant:Model"] = "scripted-model",
            ["Assistant:ApiKey"] = apiKey,
            ["Logging:LogLevel:Default"] = "Debug",
        });
        var page = new DashboardPage(await fixture.NewPageAsync(app));
        var dialogs = 0;
        page.Page.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
        await page.RegisterAsync(DashboardPage.NewEmail());

        provider.EnqueueStream(Role(), Text("<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) [docs](https://example.com) **bold**"), Finish("stop"));
        var answer = await page.AskAsync("be evil");

        Assert.Equal(0, await answer.Locator("script, img").CountAsync());
        Assert.Equal(["https://example.com/"], await answer.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.href)"));
        Assert.Equal("noopener noreferrer nofollow", await answer.Locator("a").GetAttributeAsync("rel"));
        await Expect(answer.Locator("strong")).ToHaveTextAsync("bold");
        await Expect(answer).ToContainTextAsync("<script>alert(1)</script>");
        Assert.Equal(0, dialogs);

        Assert.Equal($"Bearer {apiKey}", provider.Requests[0].Authorization);
        Assert.DoesNotContain(apiKey, await page.Page.ContentAsync());
        Assert.DoesNotContain(apiKey, app.Output);
    }
}
