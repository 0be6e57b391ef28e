using System.Diagnostics;
using TaskChat.Core.Assistant.Offline;
using TaskChat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TaskChat.Tests.Benchmarks;

/// <summary>
/// How fast the offline assistant understands a request: parse it and plan the first step, in process,
/// over a corpus of the kinds of things people type. In the browser collection only so that it never
/// runs at the same time as another benchmark.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class OfflineAssistantBenchmark(ITestOutputHelper output)
{
    private const int Passes = 200;
    private static readonly DateTime Now = new(2026, 3, 11, 15, 30, 0, DateTimeKind.Utc);

    private static readonly string[] Corpus =
    [
        "add buy milk tomorrow", "Add buy milk tomorrow at 5pm", "remind me to call mum on friday at 5pm",
        "new task: pay rent #home urgent", "create a task to renew passport next month, low priority",
        "I need to book the dentist in 3 days", "add call the bank asap", "add water the plants tagged home",
        "add pay the gas bill by friday, high priority #bills #home", "please add renew insurance on 12 March at 5pm",
        "add submit report 2026-03-20", "remind me to stretch in 30 minutes", "todo: clean the garage someday",
        "add buy milk to my shopping list", "don't forget to call Sam tonight", "add pick up parcel at noon",
        "add pay rent on the 1st", "add team lunch friday 12:30", "Could you add send invoice end of the week with low priority?",
        "hey, could you please add 'prepare the quarterly slides for Monday's review' due next tuesday at 9am #work, thanks!",
        "show my tasks", "what's due this week?", "list overdue tasks", "what do I have today?", "what's due tomorrow?",
        "anything due by friday?", "what's due next week", "show high priority tasks", "show urgent tasks",
        "tasks tagged work", "show my open tasks tagged #work", "show completed tasks", "what's left to do?",
        "find milk", "search for dentist", "mark the dentist one done", "complete buy milk", "I finished the report",
        "tick off milk", "done: pay rent", "the report is done", "complete task 12", "mark #7 as done",
        "complete tasks 3 and 4", "reopen buy milk", "mark milk as not done", "reopen task 5",
        "rename milk to buy oat milk", "rename 'milk' to 'oat milk'", "rename task 4 to buy oat milk",
        "change the title of task 9 to Call the plumber", "move the dentist to friday", "postpone task 3 to next week",
        "change the due date of task 8 to tomorrow 5pm", "push #2 back to monday at 9am", "make task 6 high priority",
        "set priority of task 6 to low", "make the report high priority", "delete the milk task", "remove buy milk",
        "delete task 15", "summarize my tasks", "how am I doing?", "give me an overview", "complete all tasks",
        "mark everything done", "delete all tasks", "clear my list", "hi", "Hello there!", "what can you do?", "help",
        "banana bread recipe", "tell me a joke", "what's the weather like?", "", "add", "thanks!",
        "Réserver une table chez Émile pour vendredi", "add 買い物 tomorrow",
    ];

    [BenchmarkFact]
    public void Offline_assistant_parse_and_plan()
    {
        var report = new BenchmarkReport();
        foreach (var text in Corpus) OfflinePlanner.Next(OfflineIntentParser.Parse(text, Now), []); // warm-up: JIT and regexes

        var perRequest = new List<double>(Passes * Corpus.Length);
        var started = Stopwatch.GetTimestamp();
        for (var pass = 0; pass < Passes; pass++)
        {
            foreach (var text in Corpus)
            {
                var before = Stopwatch.GetTimestamp();
                var step = OfflinePlanner.Next(OfflineIntentParser.Parse(text, Now), []);
                perRequest.Add(Stopwatch.GetElapsedTime(before).TotalMicroseconds);
                Assert.NotNull(step);
            }
        }
        var throughput = perRequest.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
        report.Add($"offline assistant: parse + plan one request ({Corpus.Length} varied requests)", perRequest, "µs");
        // One figure: the whole run's rate (its timing overhead included, so if anything an underestimate).
        report.Add($"offline assistant: requests understood per second, one thread ({perRequest.Count:N0} requests)", [throughput], "/s");
        output.WriteLine(report.Write());
    }
}
