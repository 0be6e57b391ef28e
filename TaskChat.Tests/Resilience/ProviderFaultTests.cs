using TaskChat.Core.Chat;
using TaskChat.Tests.Infrastructure;
using static TaskChat.Tests.Infrastructure.OpenAIChunks;

namespace TaskChat.Tests.Resilience;

/// <summary>
/// The model provider misbehaves in every way we know of. Each row: the answer ends failed with a
/// message naming what happened (partial text kept where some was shown), no task or tag changes,
/// earlier messages are untouched, and Retry completes once the provider behaves.
/// </summary>
public sealed class ProviderFaultTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    /// <param name="FirstTokenSeconds">The first-token deadline: short only for the row that tests it,
    /// so a loaded machine never turns another row's quick error into a timeout.</param>
    public sealed record Row(Action<ScriptedOpenAIServer> Script, string Error, string PartialText = "", int FirstTokenSeconds = 30);

    private static readonly Dictionary<string, string> NoHeaders = [];

    public static readonly IReadOnlyDictionary<string, Row> Rows = new Dictionary<string, Row>
    {
        ["429 with Retry-After longer than the loop waits"] = new(s => s.EnqueueError(429, Error("Rate limit reached.", "rate_limit_exceeded"), new Dictionary<string, string> { ["Retry-After"] = "120" }),
            "The assistant's provider is rate-limiting requests; try again in 120 s."),
        ["429 without Retry-After"] = new(s => s.EnqueueError(429, Error("Rate limit reached.", "rate_limit_exceeded")),
            "The assistant's provider is rate-limiting requests; try again shortly."),
        ["500"] = new(s => s.EnqueueError(500, Error("The server had an error.", "server_error")),
            "The assistant's provider had an internal error (HTTP 500)."),
        ["503"] = new(s => s.EnqueueError(503, "Service Unavailable"),
            "The assistant's provider had an internal error (HTTP 503)."),
        ["401 key rejected"] = new(s => s.EnqueueError(401, Error("Incorrect API key provided: sk-test-secret.", "invalid_api_key")),
            "The assistant's API key was rejected; check Assistant:ApiKey."),
        ["404 unknown model"] = new(s => s.EnqueueError(404, Error("The model `scripted-model` does not exist.", "invalid_request_error")),
            "The assistant's provider refused the request (HTTP 404): The model `scripted-model` does not exist."),
        ["timeout before the first token"] = new(s => s.EnqueueStream(new SseChunk(Role(), TimeSpan.FromSeconds(4)), Finish("stop")),
            "The assistant did not start answering within 1 second.", FirstTokenSeconds: 1),
        ["stream cut mid-answer"] = new(s => s.EnqueueStream(StreamEnding.Abort, Role(), Text("The first half"), Text(" of an answer")),
            "The assistant's answer was cut off before it finished.", "The first half of an answer"),
        ["stream closed without finish or [DONE]"] = new(s => s.EnqueueStream(StreamEnding.Close, Role(), Text("Half")),
            "The assistant's answer was cut off before it finished.", "Half"),
        ["malformed SSE JSON"] = new(s => s.EnqueueStream(Role(), Text("Partial"), "{this is not json", Finish("stop")),
            "The assistant's provider sent a reply that could not be read.", "Partial"),
        ["error event in the stream"] = new(s => s.EnqueueStream(Role(), Text("Partial"), Error("The model is overloaded.", "server_error")),
            "The assistant's provider reported an error mid-answer: The model is overloaded.", "Partial"),
        ["empty stream (only [DONE])"] = new(s => s.EnqueueStream(),
            "The assistant's provider ended the reply without sending any answer."),
        ["no choices, finished without any text"] = new(s => s.EnqueueStream(Role(), Finish("stop"), Usage(10, 0)),
            "The assistant returned an empty answer; try again."),
        ["200 with a JSON body instead of a stream"] = new(s => s.Enqueue(new JsonReply("""{"object":"chat.completion","choices":[]}""")),
            "The assistant's provider ended the reply without sending any answer."),
    };

    public static TheoryData<string> RowNames() => [.. Rows.Keys];

    private ScriptedOpenAIServer server = default!;
    private AssistantHarness? h;

    public async Task InitializeAsync() => server = await ScriptedOpenAIServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (h is not null) await h.DisposeAsync();
        await server.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(RowNames))]
    public async Task A_provider_fault_fails_the_answer_specifically_changes_nothing_and_retry_works(string row)
    {
        var h = this.h = await AssistantHarness.ScriptedAsync(server, ("Assistant:MaxRetries", "0"),
            ("Assistant:FirstTokenTimeoutSeconds", Rows[row].FirstTokenSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await h.Db.Tasks.CreateAsync(h.User, new TaskChat.Core.Tasks.TaskDraft("Water plants", Tags: ["home"]));
        // An earlier, finished exchange in the same thread must come through the fault untouched.
        server.EnqueueStream(Role(), Text("Hello."), Finish("stop"));
        var (threadId, _) = await h.AskAsync("hi");
        var before = await DbSnapshot.TakeAsync(h.Db.FilePath);
        Rows[row].Script(server);

        var run = await h.Runner.SendAsync(h.User, threadId, "and now?");
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        var answer = await h.LastAnswerAsync(threadId);

        output.WriteLine($"{row}: {answer.Status} \"{answer.Error}\" text=\"{answer.Text}\"");
        Assert.Equal((MessageStatus.Failed, Rows[row].Error, Rows[row].PartialText), (answer.Status, answer.Error, answer.Text));
        Assert.DoesNotContain("sk-test-secret", answer.Error);
        Assert.Null(h.Runner.Current(h.User, threadId));
        var after = await DbSnapshot.TakeAsync(h.Db.FilePath);
        before.Only(DbSnapshot.TaskTables).AssertSameAs(after, row);
        before.AssertOnlyAppendedIn(after, "ChatMessages", row);

        server.EnqueueStream(Role(), Text("Back to normal."), Finish("stop"));
        var retry = await h.Runner.RetryAsync(h.User, threadId);
        await retry.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        var again = await h.LastAnswerAsync(threadId);
        Assert.Equal((MessageStatus.Complete, "Back to normal."), (again.Status, again.Text));
        before.Only(DbSnapshot.TaskTables).AssertSameAs(await DbSnapshot.TakeAsync(h.Db.FilePath), row + " (retry)");
    }

    public static TheoryData<string, string> Unreachable() => new()
    {
        // .invalid never resolves (RFC 6761): no network is needed to see a DNS failure.
        { "DNS failure", "http://nonexistent.invalid/v1/" },
        { "connection refused", $"http://127.0.0.1:{Loopback.FreePort()}/v1/" },
    };

    [Theory]
    [MemberData(nameof(Unreachable))]
    public async Task An_unreachable_provider_fails_with_its_host_named_and_a_retry_fails_the_same_way(string row, string endpoint)
    {
        await using var unreachable = await AssistantHarness.RemoteAsync(endpoint, ("Assistant:MaxRetries", "0"));
        var before = await DbSnapshot.TakeAsync(unreachable.Db.FilePath);

        var (threadId, answer) = await unreachable.AskAsync("hi");

        output.WriteLine($"{row}: {answer.Status} \"{answer.Error}\"");
        Assert.Equal((MessageStatus.Failed, $"The assistant's provider at {new Uri(endpoint).Authority} could not be reached."), (answer.Status, answer.Error));
        before.Only(DbSnapshot.TaskTables).AssertSameAs(await DbSnapshot.TakeAsync(unreachable.Db.FilePath), row);

        // Still unreachable: the retry ends in the same defined state, and the thread is free again.
        var retry = await unreachable.Runner.RetryAsync(unreachable.User, threadId);
        await retry.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(MessageStatus.Failed, (await unreachable.LastAnswerAsync(threadId)).Status);
        Assert.Null(unreachable.Runner.Current(unreachable.User, threadId));
    }
}
