using TaskChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static TaskChat.Tests.Infrastructure.OpenAIChunks;

namespace TaskChat.Tests.Resilience;

/// <summary>Provider faults seen in the browser: a specific message on the failed answer, Retry completes, the circuit lives on.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FaultRecoveryBrowserTests(BrowserFixture fixture)
{
    public static readonly (string Row, Action<ScriptedOpenAIServer> Fault, string Message)[] Faults =
    [
        ("500", s => s.EnqueueError(500, Error("boom", "server_error")), "The assistant's provider had an internal error (HTTP 500)."),
        ("429 with Retry-After", s => s.EnqueueError(429, Error("slow down", "rate_limit_exceeded"), new Dictionary<string, string> { ["Retry-After"] = "120" }), "The assistant's provider is rate-limiting requests; try again in 120 s."),
        ("stream cut mid-answer", s => s.EnqueueStream(StreamEnding.Abort, Role(), Text("Half an")), "The assistant's answer was cut off before it finished."),
        ("malformed SSE JSON", s => s.EnqueueStream(Role(), Text("Partial"), "{nope", Finish("stop")), "The assistant's provider sent a reply that could not be read."),
        ("error event in the stream", s => s.EnqueueStream(Role(), Text("Partial"), Error("The model is overloaded.", "server_error")), "The assistant's provider reported an error mid-answer: The model is overloaded."),
        ("bad tool arguments then a loop", s => { for (var i = 0; i < 3; i++) s.EnqueueStream(Role(), ToolCall(0, $"c{i}", "delete_task", """{"task_id":"all"}"""), Finish("tool_calls")); },
            "The assistant kept calling tools without finishing its answer, so it was stopped after 3 rounds. Try asking more specifically."),
    ];

    [BrowserFact]
    public async Task Each_fault_shows_its_message_retry_completes_and_the_circuit_stays_alive()
    {
        await using var provider = await ScriptedOpenAIServer.StartAsync();
        await using var app = await AppServer.StartAsync(new Dictionary<string, string>
        {
            ["Assistant:Provider"] = "OpenAICompatible",
            ["Assistant:Endpoint"] = provider.Endpoint.ToString(),
            ["Assistant:Model"] = "scripted-model",
            ["Assistant:MaxRetries"] = "0",
            ["Assistant:MaxToolRounds"] = "3",
            ["Assistant:SendsPerMinute"] = "100",
        });
        var page = new DashboardPage(await fixture.NewPageAsync(app));
        await page.RegisterAsync(DashboardPage.NewEmail());
        await page.AddAsync("Keep me");

        var n = 0;
        foreach (var (row, fault, message) in Faults)
        {
            n++;
            var before = await DbSnapshot.TakeAsync(app.DatabasePath, DbSnapshot.TaskTables);
            fault(provider);
            var answer = await page.AskAsync($"question {n}");
            await Expect(answer).ToHaveAttributeAsync("data-status", "failed");
            await Expect(answer.GetByTestId("chat-error")).ToContainTextAsync(message);
            before.AssertSameAs(await DbSnapshot.TakeAsync(app.DatabasePath, DbSnapshot.TaskTables), row);

            provider.EnqueueStream(Role(), Text($"Recovered {n}."), Finish("stop"));
            await answer.GetByTestId("chat-retry").ClickAsync();
            await Expect(page.Answers.Last).ToHaveAttributeAsync("data-status", "complete");
            await Expect(page.Answers.Last).ToContainTextAsync($"Recovered {n}.");
            await page.AddAsync($"Added by hand after {row}");
        }
        await Expect(page.Rows).ToHaveCountAsync(Faults.Length + 1);
    }
}
