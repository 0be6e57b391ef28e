using System.Text.Json;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;
using TaskChat.Core.Sync;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;
using static TaskChat.Tests.Infrastructure.GeminiChunks;

namespace TaskChat.Tests.Assistant;

/// <summary>The native Gemini path end to end: runner → loop → Gemini client → scripted Gemini server, and back through the tools.</summary>
public sealed class GeminiRunTests : IAsyncLifetime
{
    private ScriptedGeminiServer server = default!;
    private AssistantHarness h = default!;

    public async Task InitializeAsync()
    {
        server = await ScriptedGeminiServer.StartAsync();
        h = await AssistantHarness.GeminiAsync(server);
    }

    public async Task DisposeAsync()
    {
        await h.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Streamed_text_is_shown_piece_by_piece_and_stored_whole_with_usage()
    {
        server.EnqueueStream(Text("Hello"), Text(", "), Text("Ada"), Finish(answerTokens: 4, thoughtTokens: 10, parts: TextPart("!")));

        var (_, answer) = await h.AskAsync("hi");

        Assert.Equal(("Hello, Ada!", MessageStatus.Complete), (answer.Text, answer.Status));
        Assert.Equal((PromptTokens, 14), (answer.InputTokens, answer.OutputTokens));
        Assert.Equal(ScriptedGeminiServer.Model, answer.Model);
        await h.WaitForEventAsync<RunFinished>();
        Assert.Equal(["Hello", ", ", "Ada", "!"], h.Events.OfType<RunChunk>().Select(c => c.Delta));
    }

    [Fact]
    public async Task A_function_call_runs_and_its_result_goes_back_as_a_function_response_by_name()
    {
        server.EnqueueStream(Call(ToolNames.AddTask, """{"title":"Buy milk","due":"tomorrow"}"""), Finish());
        server.EnqueueStream(Text("Added **Buy milk** for tomorrow."), Finish());

        var (_, answer) = await h.AskAsync("add buy milk tomorrow");

        Assert.Equal(("Added **Buy milk** for tomorrow.", MessageStatus.Complete), (answer.Text, answer.Status));
        Assert.Equal(ToolCallStatus.Succeeded, Assert.Single(answer.ToolCalls).Status);
        Assert.Equal("Buy milk", Assert.Single((await h.Db.Tasks.QueryAsync(h.User, new TaskQuery())).Items).Title);

        var first = server.Requests[0].Json;
        Assert.Contains("Europe/London", first.GetProperty("systemInstruction").GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Equal(8, first.GetProperty("tools")[0].GetProperty("functionDeclarations").GetArrayLength());
        var contents = server.Requests[1].Json.GetProperty("contents").EnumerateArray().ToList();
        Assert.Equal(["user", "model", "user"], contents.Select(c => c.GetProperty("role").GetString()));
        var response = contents[2].GetProperty("parts")[0].GetProperty("functionResponse");
        Assert.Equal(ToolNames.AddTask, response.GetProperty("name").GetString());
        Assert.Equal("Buy milk", response.GetProperty("response").GetProperty("added").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Two_function_calls_in_one_response_run_in_order_and_answer_in_order()
    {
        server.EnqueueStream(Parts(CallPart(ToolNames.AddTask, """{"title":"First"}"""), CallPart(ToolNames.AddTask, """{"title":"Second"}""")), Finish());
        server.EnqueueStream(Text("Both added."), Finish());

        var (_, answer) = await h.AskAsync("add two");

        Assert.Equal(2, answer.ToolCalls.Count);
        Assert.NotEqual(answer.ToolCalls[0].CallId, answer.ToolCalls[1].CallId);
        var tasks = (await h.Db.Tasks.QueryAsync(h.User, new TaskQuery { Sort = TaskSort.Created })).Items;
        Assert.Equal(["Second", "First"], tasks.Select(t => t.Title));
        var responses = server.Requests[1].Json.GetProperty("contents")[2].GetProperty("parts").EnumerateArray()
            .Select(p => p.GetProperty("functionResponse").GetProperty("response").GetProperty("added").GetProperty("title").GetString());
        Assert.Equal(["First", "Second"], responses);
    }

    [Fact]
    public async Task A_thinking_models_signatures_come_back_unchanged_in_every_round_of_the_answer_but_not_in_later_turns()
    {
        // Step 1: text, then one call signed. Step 2: two parallel calls, only the first signed.
        server.EnqueueStream(Text("Let me look."), Parts(CallPart(ToolNames.ListTasks, "{}", thoughtSignature: "U2lnbmF0dXJlT25l")), Finish(thoughtTokens: 50));
        server.EnqueueStream(Parts(CallPart(ToolNames.AddTask, """{"title":"A"}""", thoughtSignature: "U2lnbmF0dXJlVHdv"), CallPart(ToolNames.AddTask, """{"title":"B"}""")), Finish(thoughtTokens: 40));
        server.EnqueueStream(Text("Added A and B."), Finish(parts: TextPart("", thoughtSignature: "U2lnbmF0dXJlVGhyZWU=")));

        var (threadId, answer) = await h.AskAsync("add A and B unless they exist");

        Assert.Equal(("Let me look.Added A and B.", MessageStatus.Complete), (answer.Text, answer.Status));
        var second = Models(server.Requests[1]);
        var step1 = Assert.Single(second).GetProperty("parts");
        Assert.Equal("Let me look.", step1[0].GetProperty("text").GetString());
        Assert.Equal("U2lnbmF0dXJlT25l", step1[1].GetProperty("thoughtSignature").GetString());
        Assert.Equal(ToolNames.ListTasks, step1[1].GetProperty("functionCall").GetProperty("name").GetString());

        var third = Models(server.Requests[2]);
        Assert.Equal(2, third.Count);
        Assert.Equal(step1.GetRawText(), third[0].GetProperty("parts").GetRawText());
        var step2 = third[1].GetProperty("parts");
        Assert.Equal("U2lnbmF0dXJlVHdv", step2[0].GetProperty("thoughtSignature").GetString());
        Assert.False(step2[1].TryGetProperty("thoughtSignature", out _));

        // A new question starts a new turn: Gemini checks signatures only within the current one,
        // and earlier answers come back from the database without them.
        server.EnqueueStream(Text("You have two tasks."), Finish());
        await h.AskAsync("how many now?", threadId);
        Assert.DoesNotContain("thoughtSignature", server.Requests[3].Body);
        Assert.Equal(["user", "model", "user", "model", "user", "model", "user"],
            server.Requests[3].Json.GetProperty("contents").EnumerateArray().Select(c => c.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task A_safety_stop_fails_the_answer_with_a_plain_reason_keeps_the_text_and_is_not_retried()
    {
        server.EnqueueStream(Text("Here is how"), Finish("SAFETY"));

        var (_, answer) = await h.AskAsync("something dubious");

        Assert.Equal((MessageStatus.Failed, "Here is how"), (answer.Status, answer.Text));
        Assert.Equal("Gemini stopped this answer for safety reasons. Try rephrasing your request.", answer.Error);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_malformed_function_call_fails_the_answer_with_a_plain_reason()
    {
        server.EnqueueStream(Finish("MALFORMED_FUNCTION_CALL", answerTokens: 0));

        var (_, answer) = await h.AskAsync("add milk");

        Assert.Equal(MessageStatus.Failed, answer.Status);
        Assert.Equal("Gemini tried to use a task tool but wrote the call incorrectly, so the answer stopped. Try again, perhaps more simply.", answer.Error);
        Assert.Equal(0, await h.Db.CountTasksAsync());
    }

    [Fact]
    public async Task A_429_with_retry_info_is_retried_once_and_the_answer_completes()
    {
        server.EnqueueError(429, Error(429, "RESOURCE_EXHAUSTED", "Quota exceeded.", RetryInfo("0s")));
        server.EnqueueStream(Text("Fine now."), Finish());

        var (_, answer) = await h.AskAsync("hi");

        Assert.Equal((MessageStatus.Complete, "Fine now."), (answer.Status, answer.Text));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_429_asking_for_a_longer_wait_than_the_first_token_timeout_fails_at_once_saying_how_long()
    {
        server.EnqueueError(429, Error(429, "RESOURCE_EXHAUSTED", "Quota exceeded.", RetryInfo("45s")));

        var (_, answer) = await h.AskAsync("hi");

        Assert.Equal(MessageStatus.Failed, answer.Status);
        Assert.Equal("Gemini is rate-limiting requests or the key's quota is used up; try again in 45 s.", answer.Error);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_500_before_anything_was_shown_is_retried()
    {
        server.EnqueueError(500, Error(500, "INTERNAL", "An internal error has occurred."));
        server.EnqueueStream(Text("Recovered."), Finish());

        var (_, answer) = await h.AskAsync("hi");

        Assert.Equal((MessageStatus.Complete, "Recovered."), (answer.Status, answer.Text));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_stream_cut_mid_answer_keeps_the_partial_text_as_failed_and_is_not_retried()
    {
        server.EnqueueStream(StreamEnding.Abort, Text("The first half"), Text(" of an answer"));

        var (_, answer) = await h.AskAsync("hi");

        Assert.Equal((MessageStatus.Failed, "The first half of an answer"), (answer.Status, answer.Text));
        Assert.Equal("Gemini's answer was cut off before it finished.", answer.Error);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_event_that_is_not_json_fails_the_answer_with_a_message()
    {
        server.EnqueueStream(Text("Partial"), "<html>Bad Gateway</html>", Finish());

        var (_, answer) = await h.AskAsync("hi");

        Assert.Equal((MessageStatus.Failed, "Partial"), (answer.Status, answer.Text));
        Assert.Equal("Gemini sent a reply that could not be read.", answer.Error);
    }

    [Fact]
    public async Task The_key_goes_only_in_the_x_goog_api_key_header_of_every_request()
    {
        server.EnqueueStream(Call(ToolNames.SummarizeTasks, "{}"), Finish());
        server.EnqueueStream(Text("Nothing open."), Finish());
        server.EnqueueError(403, Error(403, "PERMISSION_DENIED", $"Key {AssistantHarness.GeminiApiKey} is not allowed."));

        var (threadId, _) = await h.AskAsync("summarize");
        var (_, refused) = await h.AskAsync("again", threadId);

        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r =>
        {
            Assert.Equal(AssistantHarness.GeminiApiKey, r.Header("x-goog-api-key"));
            Assert.DoesNotContain(AssistantHarness.GeminiApiKey, r.PathAndQuery);
            Assert.DoesNotContain(AssistantHarness.GeminiApiKey, r.Body);
            Assert.Equal("", r.Authorization);
        });
        Assert.Equal("Gemini rejected the API key (HTTP 403); check GEMINI_API_KEY or Assistant:ApiKey.", refused.Error);
    }

    private static List<JsonElement> Models(RecordedRequest request) =>
        request.Json.GetProperty("contents").EnumerateArray().Where(c => c.GetProperty("role").GetString() == "model").ToList();
}
