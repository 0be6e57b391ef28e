using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskChat.Core.Data;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;
using TaskChat.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static TaskChat.Tests.Infrastructure.OpenAIChunks;

namespace TaskChat.Tests.Benchmarks;

/// <summary>
/// The chat as a user feels it, against a scripted provider on loopback so every millisecond
/// measured is ours: streaming latency and render rate, send → first token, tool call → card,
/// and opening a 2,000-message thread.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed partial class ChatBenchmark(BrowserFixture fixture, ITestOutputHelper output)
{
    private const int Tokens = 300;
    private static readonly TimeSpan TokenInterval = TimeSpan.FromSeconds(1.0 / 300);

    // Records, in epoch milliseconds, when each "t<n>" token first shows in the streaming bubble
    // and when each render batch reached it.
    private const string WatchStream = """
        window.__tokens = {}; window.__batches = []; window.__cards = [];
        new MutationObserver(() => {
            const now = performance.timeOrigin + performance.now();
            const live = document.querySelector('[data-testid=message][data-status=streaming]');
            if (live) {
                window.__batches.push(now);
                for (const m of live.textContent.matchAll(/t(\d+)\b/g)) window.__tokens[m[1]] ??= now;
            }
            for (const card of document.querySelectorAll('[data-testid=tool-call]')) {
                if (!card.dataset.seen) { card.dataset.seen = '1'; window.__cards.push(now); }
            }
        }).observe(document, { subtree: true, childList: true, characterData: true });
        """;

    [BenchmarkFact]
    public async Task Chat_streaming_first_token_tool_cards_and_long_threads()
    {
        var report = new BenchmarkReport();
        await using var provider = await ScriptedOpenAIServer.StartAsync();
        await using var app = await AppServer.StartAsync(new Dictionary<string, string>
        {
            ["Assistant:Provider"] = "OpenAICompatible",
            ["Assistant:Endpoint"] = provider.Endpoint.ToString(),
            ["Assistant:Model"] = "scripted-model",
            ["Assistant:SendsPerMinute"] = "1000",
            ["Assistant:SendsPerDay"] = "10000",
        });
        var email = DashboardPage.NewEmail();
        var page = new DashboardPage(await fixture.NewPageAsync(app));
        await page.Page.AddInitScriptAsync(WatchStream);
        await page.RegisterAsync(email);

        await MeasureStreamingAsync(page, provider, report);
        await MeasureFirstTokenAsync(page, provider, report);
        await MeasureToolCardAsync(page, provider, report);
        await MeasureLongThreadAsync(page, app, email, report);

        output.WriteLine(report.Write());
    }

    private static async Task MeasureStreamingAsync(DashboardPage page, ScriptedOpenAIServer provider, BenchmarkReport report)
    {
        var latencies = new List<double>();
        var rates = new List<double>();
        for (var run = 0; run < 4; run++)
        {
            await page.Page.EvaluateAsync("() => { window.__tokens = {}; window.__batches = []; }");
            var sentBefore = provider.Sent.Count;
            provider.EnqueueStream([Role(), .. Enumerable.Range(0, Tokens).Select(i => new SseChunk(Text($"t{i} "), TokenInterval)), Finish("stop")]);
            await page.AskAsync($"stream {run}");
            if (run == 0) continue; // warm-up

            var sent = provider.Sent.Skip(sentBefore)
                .Select(s => (Match: TokenPattern().Match(s.Data), s.SentUtc)).Where(s => s.Match.Success)
                .ToDictionary(s => s.Match.Groups[1].Value, s => s.SentUtc);
            var seen = await page.Page.EvaluateAsync<Dictionary<string, double>>("() => window.__tokens");
            latencies.AddRange(seen.Where(t => sent.ContainsKey(t.Key))
                .Select(t => t.Value - (sent[t.Key] - DateTime.UnixEpoch).TotalMilliseconds));
            var batches = await page.Page.EvaluateAsync<double[]>("() => window.__batches");
            var seconds = (sent.Values.Max() - sent.Values.Min()).TotalSeconds;
            rates.Add(batches.Length / seconds);
        }
        report.Add($"chat: chunk sent by provider → visible in browser ({Tokens} tok/s, incl. ≤50 ms batching)", latencies, "ms", "p95 ≤ 5 ms server-added");
        report.Add("chat: render batches per second while streaming (streaming bubble)", rates, "/s", "≤ 20");
    }

    private static async Task MeasureFirstTokenAsync(DashboardPage page, ScriptedOpenAIServer provider, BenchmarkReport report)
    {
        var samples = new List<double>();
        for (var run = 0; run < 16; run++)
        {
            provider.EnqueueStream(Role(), Text("Hi there."), Finish("stop"));
            var input = page.Page.GetByTestId("chat-input");
            await input.FillAsync($"hello {run}");
            var measured = page.Page.EvaluateAsync<double>("""
                () => new Promise(resolve => {
                    const before = document.querySelectorAll('[data-testid=message][data-role=assistant]').length;
                    let sentAt = null;
                    document.querySelector('[data-testid=chat-input]').addEventListener('keydown', () => sentAt ??= performance.now(), { once: true });
                    const observer = new MutationObserver(() => {
                        const answers = document.querySelectorAll('[data-testid=message][data-role=assistant]');
                        if (sentAt !== null && answers.length > before && answers[before].textContent.includes('Hi there')) {
                            observer.disconnect(); resolve(performance.now() - sentAt);
                        }
                    });
                    observer.observe(document, { subtree: true, childList: true, characterData: true });
                })
                """);
            await input.PressAsync("Enter");
            var ms = await measured.WaitAsync(TimeSpan.FromSeconds(15));
            await Expect(page.Answers.Last).Not.ToHaveAttributeAsync("data-status", "streaming");
            if (run > 0) samples.Add(ms);
        }
        report.Add("chat: Enter → first token visible (instant provider)", samples, "ms", "≤ 150");
    }

    private static async Task MeasureToolCardAsync(DashboardPage page, ScriptedOpenAIServer provider, BenchmarkReport report)
    {
        var samples = new List<double>();
        for (var run = 0; run < 11; run++)
        {
            await page.Page.EvaluateAsync("() => { window.__cards = []; }");
            var sentBefore = provider.Sent.Count;
            provider.EnqueueStream(Role(), ToolCall(0, $"c{run}", ToolNames.SummarizeTasks, "{}"), Finish("tool_calls"));
            provider.EnqueueStream(Role(), Text("Summarized."), Finish("stop"));
            await page.AskAsync($"summarize {run}");
            var finishedAt = provider.Sent.Skip(sentBefore).First(s => s.Data.Contains("tool_calls")).SentUtc;
            var cards = await page.Page.EvaluateAsync<double[]>("() => window.__cards");
            if (run > 0) samples.Add(cards.Min() - (finishedAt - DateTime.UnixEpoch).TotalMilliseconds);
        }
        report.Add("chat: tool call sent by provider → card visible", samples, "ms", "well under 500");
    }

    private static async Task MeasureLongThreadAsync(DashboardPage page, AppServer app, string email, BenchmarkReport report)
    {
        await using var core = app.CoreServices();
        var threads = core.GetRequiredService<ThreadService>();
        string userId;
        int threadId;
        await using (var db = await core.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            userId = db.Users.Single(u => u.Email == email).Id;
            var now = DateTime.UtcNow;
            var thread = new ChatThreadEntity { OwnerId = userId, Title = "Two thousand messages", CreatedUtc = now, UpdatedUtc = now.AddDays(1) };
            db.Threads.Add(thread);
            await db.SaveChangesAsync();
            db.Messages.AddRange(Enumerable.Range(1, 2000).Select(i => new ChatMessageEntity
            {
                ThreadId = thread.Id, OwnerId = userId, Role = i % 2 == 1 ? ChatRole.User : ChatRole.Assistant,
                Text = i % 2 == 1 ? $"Question {i}" : $"Answer {i} with **some** markdown and a list:\n- one\n- two",
                Status = MessageStatus.Complete, CreatedUtc = now, UpdatedUtc = now,
            }));
            await db.SaveChangesAsync();
            threadId = thread.Id;
        }

        var paint = new List<double>();
        for (var run = 0; run < 11; run++)
        {
            await page.Page.GotoAsync("/");
            await Expect(page.Page.GetByTestId("message").Last).ToContainTextAsync("Answer 2000");
            var fcp = await page.Page.EvaluateAsync<double>("() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN");
            if (run > 0) paint.Add(fcp);
        }
        report.Add("chat: open a 2,000-message thread → first paint (latest 30 shown)", paint, "ms");

        var query = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var watch = Stopwatch.StartNew();
            await threads.GetMessagesAsync(userId, threadId, take: 30);
            if (i > 0) query.Add(watch.Elapsed.TotalMilliseconds);
        }
        report.Add("chat: ThreadService latest page of a 2,000-message thread", query, "ms");
    }

    [GeneratedRegex(@"""content"":""t(\d+) """)]
    private static partial Regex TokenPattern();
}
