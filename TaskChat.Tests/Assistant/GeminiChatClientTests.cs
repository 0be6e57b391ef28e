using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.AI;
using TaskChat.Core.Assistant.Providers;
using TaskChat.Core.Assistant.Providers.Gemini;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Tests.Infrastructure;
using static TaskChat.Tests.Infrastructure.GeminiChunks;
using static TaskChat.Tests.Infrastructure.ChatClientProbe;

namespace TaskChat.Tests.Assistant;

/// <summary>The native Gemini client against a real HTTP server speaking Gemini's REST protocol.</summary>
public sealed class GeminiChatClientTests : IAsyncLifetime
{
    private const string ApiKey = "AIza-test-secret-4711";
    private const string Model = ScriptedGeminiServer.Model;

    private readonly List<GeminiChatClient> clients = [];
    private ScriptedGeminiServer server = null!;

    public async Task InitializeAsync() => server = await ScriptedGeminiServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var client in clients) client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Streamed_text_arrives_piece_by_piece_without_waiting_for_the_rest()
    {
        server.EnqueueStream(Text("Hel"), Text("lo"), new SseChunk(Text(" world"), TimeSpan.FromMilliseconds(250)), Finish());
        var arrivals = new List<(string Text, long At)>();
        ChatResponseUpdate? last = null;

        await foreach (var update in Client().GetStreamingResponseAsync([new(ChatRole.User, "hi")]))
        {
            if (update.Text.Length > 0) arrivals.Add((update.Text, Stopwatch.GetTimestamp()));
            last = update;
        }

        Assert.Equal(["Hel", "lo", " world"], arrivals.Select(a => a.Text));
        // Compared with when the server sent the last piece, not with a duration: a busy machine
        // may delay the reader, never reorder these.
        var lastSent = server.Sent.Single(s => s.Data.Contains(" world")).SentTicks;
        Assert.True(arrivals[1].At < lastSent, "The text sent before the pause must arrive before the rest is sent.");
        Assert.Equal(ChatFinishReason.Stop, last!.FinishReason);
        Assert.Equal(ModelVersion, last.ModelId);
        Assert.Equal(ResponseId, last.ResponseId);
    }

    [Fact]
    public async Task Streaming_posts_to_streamGenerateContent_with_sse_and_the_key_only_in_its_header()
    {
        server.EnqueueStream(Text("ok"), Finish());

        await CollectAsync(Client());

        var request = Assert.Single(server.Requests);
        Assert.Equal($"/v1beta/models/{Model}:streamGenerateContent?alt=sse", request.PathAndQuery);
        Assert.Equal(ApiKey, request.Header("x-goog-api-key"));
        Assert.DoesNotContain(ApiKey, request.PathAndQuery);
        Assert.Equal("", request.Authorization);
        Assert.DoesNotContain(ApiKey, request.Body);
    }

    [Fact]
    public async Task The_whole_response_at_once_uses_generateContent()
    {
        server.EnqueueJson(Response("STOP", TextPart("Let me add that."), CallPart(ToolNames.AddTask, """{"title":"x"}""")));

        var response = await Client().GetResponseAsync([new(ChatRole.User, "add x")]);

        Assert.Equal($"/v1beta/models/{Model}:generateContent", Assert.Single(server.Requests).PathAndQuery);
        Assert.Equal("Let me add that.", response.Text);
        Assert.Equal(ToolNames.AddTask, Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()).Name);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(7, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task A_function_call_becomes_one_call_with_its_arguments_and_an_id_of_its_own()
    {
        server.EnqueueStream(Call(ToolNames.AddTask, """{"title":"buy milk","due":"tomorrow"}"""), Finish());

        var updates = await CollectAsync(Client());

        var call = Assert.Single(Calls(updates));
        Assert.Equal(ToolNames.AddTask, call.Name);
        Assert.False(string.IsNullOrEmpty(call.CallId));
        Assert.Null(call.Exception);
        Assert.Equal("buy milk", Argument(call, "title"));
        Assert.Equal("tomorrow", Argument(call, "due"));
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
    }

    [Fact]
    public async Task Two_function_calls_in_one_response_are_two_calls_in_order_with_different_ids()
    {
        server.EnqueueStream(Parts(CallPart(ToolNames.AddTask, """{"title":"dentist"}"""), CallPart(ToolNames.CompleteTask, """{"task_id":3}""")), Finish());

        var calls = Calls(await CollectAsync(Client()));

        Assert.Equal([ToolNames.AddTask, ToolNames.CompleteTask], calls.Select(c => c.Name));
        Assert.NotEqual(calls[0].CallId, calls[1].CallId);
        Assert.Equal(3, ((JsonElement)calls[1].Arguments!["task_id"]!).GetInt32());
    }

    [Fact]
    public async Task A_call_without_arguments_has_none_and_one_with_an_id_keeps_it()
    {
        server.EnqueueStream(Parts(CallPart(ToolNames.SummarizeTasks, "null"), CallPart(ToolNames.ListTasks, "{}", id: "fc-7")), Finish());

        var calls = Calls(await CollectAsync(Client()));

        Assert.Empty(calls[0].Arguments!);
        Assert.Equal("fc-7", calls[1].CallId);
    }

    [Fact]
    public async Task The_request_carries_the_system_instruction_the_turns_the_declarations_and_the_options()
    {
        server.EnqueueStream(Text("done"), Finish());
        var addTask = AIFunctionFactory.Create((string title, string? due) => "ok", ToolNames.AddTask, "Adds a task.");
        var summarize = AIFunctionFactory.Create(() => "ok", ToolNames.SummarizeTasks, "Counts tasks.");
        List<ChatMessage> conversation =
        [
            new(ChatRole.System, "You manage tasks."),
            new(ChatRole.User, "add dentist"),
            new(ChatRole.Assistant, [new TextContent("Adding it."), new FunctionCallContent("fc-1", ToolNames.AddTask, new Dictionary<string, object?> { ["title"] = "dentist", ["priority"] = 2 })]),
            new(ChatRole.Tool, [new FunctionResultContent("fc-1", """{"added":{"id":7}}""")]),
            new(ChatRole.Assistant, "Added."),
            new(ChatRole.User, "thanks"),
        ];

        await CollectAsync(Client(thinkingBudget: 512), conversation, new ChatOptions
        {
            Tools = [addTask, summarize],
            ToolMode = ChatToolMode.Auto,
            Temperature = 0.25f,
            MaxOutputTokens = 500,
        });

        var request = Assert.Single(server.Requests).Json;
        Assert.Equal("You manage tasks.", request.GetProperty("systemInstruction").GetProperty("parts")[0].GetProperty("text").GetString());
        var contents = request.GetProperty("contents").EnumerateArray().ToList();
        Assert.Equal(["user", "model", "user", "model", "user"], contents.Select(c => c.GetProperty("role").GetString()));
        var asked = contents[1].GetProperty("parts");
        Assert.Equal("Adding it.", asked[0].GetProperty("text").GetString());
        Assert.Equal(ToolNames.AddTask, asked[1].GetProperty("functionCall").GetProperty("name").GetString());
        Assert.Equal("fc-1", asked[1].GetProperty("functionCall").GetProperty("id").GetString());
        Assert.Equal(2, asked[1].GetProperty("functionCall").GetProperty("args").GetProperty("priority").GetInt32());
        var answered = contents[2].GetProperty("parts")[0].GetProperty("functionResponse");
        Assert.Equal(ToolNames.AddTask, answered.GetProperty("name").GetString());
        Assert.Equal("fc-1", answered.GetProperty("id").GetString());
        Assert.Equal(7, answered.GetProperty("response").GetProperty("added").GetProperty("id").GetInt32());

        var declarations = request.GetProperty("tools")[0].GetProperty("functionDeclarations").EnumerateArray().ToList();
        Assert.Equal("Adds a task.", declarations[0].GetProperty("description").GetString());
        Assert.Equal("string", declarations[0].GetProperty("parameters").GetProperty("properties").GetProperty("due").GetProperty("type").GetString());
        Assert.False(declarations[1].TryGetProperty("parameters", out _), "A function without parameters declares none.");
        Assert.Equal("AUTO", request.GetProperty("toolConfig").GetProperty("functionCallingConfig").GetProperty("mode").GetString());
        var generation = request.GetProperty("generationConfig");
        Assert.Equal(0.25, generation.GetProperty("temperature").GetDouble(), precision: 3);
        Assert.Equal(500, generation.GetProperty("maxOutputTokens").GetInt32());
        Assert.Equal(512, generation.GetProperty("thinkingConfig").GetProperty("thinkingBudget").GetInt32());
    }

    [Fact]
    public async Task Results_pair_with_calls_by_name_without_ids_gemini_never_gave_and_non_objects_are_wrapped()
    {
        server.EnqueueStream(Parts(CallPart(ToolNames.AddTask, """{"title":"a"}"""), CallPart(ToolNames.ListTasks, "{}")), Finish());
        var calls = Calls(await CollectAsync(Client()));
        server.EnqueueStream(Text("ok"), Finish());
        List<ChatMessage> conversation =
        [
            new(ChatRole.User, "go"),
            new(ChatRole.Assistant, [.. calls]),
            new(ChatRole.Tool, [new FunctionResultContent(calls[0].CallId, "not json at all"), new FunctionResultContent(calls[1].CallId, "[1,2]")]),
        ];

        await CollectAsync(Client(), conversation);

        var contents = server.Requests[1].Json.GetProperty("contents");
        Assert.False(contents[1].GetProperty("parts")[0].GetProperty("functionCall").TryGetProperty("id", out _));
        var responses = contents[2].GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("functionResponse")).ToList();
        Assert.Equal([ToolNames.AddTask, ToolNames.ListTasks], responses.Select(r => r.GetProperty("name").GetString()));
        Assert.All(responses, r => Assert.False(r.TryGetProperty("id", out _)));
        Assert.Equal("not json at all", responses[0].GetProperty("response").GetProperty("result").GetString());
        Assert.Equal(2, responses[1].GetProperty("response").GetProperty("result").GetArrayLength());
    }

    [Fact]
    public async Task Thought_signatures_and_other_part_fields_are_kept_and_sent_back_unchanged()
    {
        server.EnqueueStream(
            Parts(TextPart("Let me check.", thoughtSignature: "c2lnLXRleHQ=")),
            Parts(CallPart(ToolNames.AddTask, """{"title":"a"}""", thoughtSignature: "c2lnLWNhbGw="), CallPart(ToolNames.AddTask, """{"title":"b"}""")),
            Finish(thoughtTokens: 30));
        var updates = await CollectAsync(Client());
        server.EnqueueStream(Text("ok"), Finish());

        var said = updates.SelectMany(u => u.Contents).Where(c => c is TextContent or FunctionCallContent).ToList();
        await CollectAsync(Client(), [new(ChatRole.User, "go"), new(ChatRole.Assistant, said),
            new(ChatRole.Tool, [.. Calls(updates).Select(c => new FunctionResultContent(c.CallId, "{}"))])]);

        var parts = server.Requests[1].Json.GetProperty("contents")[1].GetProperty("parts");
        Assert.Equal("c2lnLXRleHQ=", parts[0].GetProperty("thoughtSignature").GetString());
        Assert.Equal("c2lnLWNhbGw=", parts[1].GetProperty("thoughtSignature").GetString());
        Assert.False(parts[2].TryGetProperty("thoughtSignature", out _));
    }

    [Fact]
    public async Task Usage_is_reported_once_from_the_last_event_with_thinking_counted_as_output()
    {
        server.EnqueueStream(Text("a"), Text("b"), Finish(answerTokens: 5, thoughtTokens: 20));

        var usage = Assert.Single((await CollectAsync(Client())).SelectMany(u => u.Contents).OfType<UsageContent>()).Details;

        Assert.Equal(PromptTokens, usage.InputTokenCount);
        Assert.Equal(25, usage.OutputTokenCount);
        Assert.Equal(20, usage.ReasoningTokenCount);
        Assert.Equal(PromptTokens + 25, usage.TotalTokenCount);
    }

    [Theory]
    [InlineData("SAFETY", ProviderErrorKind.Refused, "Gemini stopped this answer for safety reasons. Try rephrasing your request.")]
    [InlineData("RECITATION", ProviderErrorKind.Refused, "Gemini stopped this answer because it was repeating existing material too closely. Try rephrasing your request.")]
    [InlineData("PROHIBITED_CONTENT", ProviderErrorKind.Refused, "Gemini stopped this answer because it may involve prohibited content. Try rephrasing your request.")]
    [InlineData("MAX_TOKENS", ProviderErrorKind.Incomplete, "Gemini reached its length limit, so this answer is cut short.")]
    [InlineData("MALFORMED_FUNCTION_CALL", ProviderErrorKind.Malformed, "Gemini tried to use a task tool but wrote the call incorrectly, so the answer stopped. Try again, perhaps more simply.")]
    [InlineData("OTHER", ProviderErrorKind.Incomplete, "Gemini stopped this answer without a usable reason (OTHER). Try again.")]
    [InlineData("SOMETHING_NEW", ProviderErrorKind.Incomplete, "Gemini stopped this answer without a usable reason (SOMETHING_NEW). Try again.")]
    public async Task A_finish_reason_that_makes_the_answer_unusable_reports_it_after_the_text_so_far(string reason, ProviderErrorKind kind, string message)
    {
        server.EnqueueStream(Text("Part of"), Finish(reason, parts: TextPart(" it")));
        var updates = new List<ChatResponseUpdate>();

        var failure = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var update in Client().GetStreamingResponseAsync([new(ChatRole.User, "hi")]))
                updates.Add(update);
        });

        Assert.Equal((kind, message), (failure.Kind, failure.Message));
        Assert.False(failure.IsTransient);
        Assert.Equal("Part of it", string.Concat(updates.Select(u => u.Text)));
        Assert.NotNull(updates[^1].FinishReason);
    }

    [Fact]
    public async Task A_blocked_prompt_is_refused_with_the_reason_in_plain_words()
    {
        server.EnqueueStream(PromptBlocked("SAFETY"));

        var failure = await FailureAsync(Client());

        Assert.Equal(ProviderErrorKind.Refused, failure.Kind);
        Assert.Equal("Gemini would not answer this message for safety reasons. Try rephrasing it.", failure.Message);
    }

    [Fact]
    public async Task A_refused_request_carries_googles_explanation()
    {
        server.EnqueueError(400, Error(400, "INVALID_ARGUMENT", "* GenerateContentRequest.contents: contents is not specified"));
        server.EnqueueError(404, Error(404, "NOT_FOUND", "models/gemini-nope is not found for API version v1beta."));

        var invalid = await FailureAsync(Client());
        var missing = await FailureAsync(Client());

        Assert.Equal(ProviderErrorKind.BadRequest, invalid.Kind);
        Assert.Equal("Gemini refused the request (HTTP 400): * GenerateContentRequest.contents: contents is not specified", invalid.Message);
        Assert.Equal(ProviderErrorKind.BadRequest, missing.Kind);
        Assert.Contains("models/gemini-nope is not found", missing.Message);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    public async Task A_rejected_key_points_to_the_setting_and_never_shows_the_key(int status)
    {
        var details = status == 400 ? new[] { ErrorInfo("API_KEY_INVALID") } : [];
        server.EnqueueError(status, Error(status, status == 400 ? "INVALID_ARGUMENT" : "PERMISSION_DENIED", $"API key not valid: {ApiKey}.", details));

        var failure = await FailureAsync(Client());

        Assert.Equal(ProviderErrorKind.Unauthorized, failure.Kind);
        Assert.Equal($"Gemini rejected the API key (HTTP {status}); check GEMINI_API_KEY or Assistant:ApiKey.", failure.Message);
        Assert.DoesNotContain(ApiKey, failure.ToString());
    }

    [Fact]
    public async Task An_echoed_key_is_blanked_out_of_a_shown_message()
    {
        server.EnqueueError(400, Error(400, "INVALID_ARGUMENT", $"Request with key {ApiKey} is malformed."));

        var failure = await FailureAsync(Client());

        Assert.Equal("Gemini refused the request (HTTP 400): Request with key *** is malformed.", failure.Message);
    }

    [Theory]
    [InlineData("7s", null, 7_000)]
    [InlineData("0.250s", null, 250)]
    [InlineData(null, "3", 3_000)]
    [InlineData(null, "Wed, 01 Jan 2025 12:00:30 GMT", 30_000)]
    public async Task Rate_limiting_says_how_long_to_wait_from_retry_info_or_retry_after(string? retryDelay, string? retryAfter, int expectedMilliseconds)
    {
        var details = retryDelay is null ? Array.Empty<System.Text.Json.Nodes.JsonObject>() : [RetryInfo(retryDelay)];
        var headers = retryAfter is null ? null : new Dictionary<string, string> { ["Retry-After"] = retryAfter };
        server.EnqueueError(429, Error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota.", details), headers);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));

        var failure = await FailureAsync(Client(time: clock));

        Assert.Equal(ProviderErrorKind.RateLimited, failure.Kind);
        Assert.True(failure.IsTransient);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), failure.RetryAfter);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(500, "INTERNAL")]
    [InlineData(503, "UNAVAILABLE")]
    public async Task A_server_error_is_transient_and_reported_once(int status, string code)
    {
        server.EnqueueError(status, Error(status, code, "The model is overloaded. Please try again later."));

        var failure = await FailureAsync(Client());

        Assert.Equal(ProviderErrorKind.ServerError, failure.Kind);
        Assert.Equal($"Gemini had an internal error (HTTP {status}): The model is overloaded. Please try again later.", failure.Message);
        Assert.True(failure.IsTransient);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_error_sent_inside_the_stream_is_translated_like_a_status()
    {
        server.EnqueueStream(Text("Hel"), Error(503, "UNAVAILABLE", "The service is currently unavailable."));

        Assert.Equal(ProviderErrorKind.ServerError, (await FailureAsync(Client())).Kind);
    }

    [Theory]
    [InlineData(StreamEnding.Abort)]
    [InlineData(StreamEnding.Close)]
    public async Task A_stream_cut_before_its_finish_reason_delivers_what_came_then_fails(StreamEnding ending)
    {
        server.EnqueueStream(ending, Text("Hel"), Text("lo"));
        var received = new List<string>();

        var failure = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var update in Client().GetStreamingResponseAsync([new(ChatRole.User, "hi")]))
                received.Add(update.Text);
        });

        Assert.Equal(["Hel", "lo"], received);
        Assert.Equal(ProviderErrorKind.StreamCut, failure.Kind);
    }

    [Fact]
    public async Task An_event_that_is_not_json_is_malformed()
    {
        server.EnqueueStream(Text("Hel"), "{\"candidates\": [ not json", Finish());

        var failure = await FailureAsync(Client());

        Assert.Equal(ProviderErrorKind.Malformed, failure.Kind);
        Assert.Equal("Gemini sent a reply that could not be read.", failure.Message);
    }

    [Fact]
    public async Task A_port_with_nothing_listening_is_a_network_failure()
    {
        using var client = new GeminiChatClient(new Uri($"http://127.0.0.1:{Loopback.FreePort()}/v1beta"), Model, ApiKey, TimeSpan.FromSeconds(5));

        var failure = await FailureAsync(client);

        Assert.Equal(ProviderErrorKind.Network, failure.Kind);
        Assert.DoesNotContain(ApiKey, failure.ToString());
    }

    [Fact]
    public async Task A_provider_that_goes_silent_times_out()
    {
        server.EnqueueStream(Text("Hel"), new SseChunk(Text("lo"), TimeSpan.FromSeconds(30)), Finish());
        using var client = new GeminiChatClient(server.Endpoint, Model, ApiKey, TimeSpan.FromMilliseconds(300));

        Assert.Equal(ProviderErrorKind.Timeout, (await FailureAsync(client)).Kind);
    }

    [Fact]
    public async Task A_slow_reader_between_events_is_not_a_timeout()
    {
        // The reader pauses far longer than the idle timeout, while the server answers at once: only
        // time spent waiting on the network may count. Margins wide enough for a loaded machine.
        server.EnqueueStream(Text("Hel"), Text("lo"), Finish());
        using var client = new GeminiChatClient(server.Endpoint, Model, ApiKey, TimeSpan.FromSeconds(1.5));
        var received = new List<string>();

        await foreach (var update in client.GetStreamingResponseAsync([new(ChatRole.User, "hi")]))
        {
            received.Add(update.Text);
            await Task.Delay(2500);
        }

        Assert.Equal(["Hel", "lo", ""], received);
    }

    [Fact]
    public async Task Cancelling_mid_stream_throws_the_callers_cancellation_unchanged()
    {
        server.EnqueueStream(Text("Hel"), new SseChunk(Text("lo"), TimeSpan.FromSeconds(30)), Finish());
        using var cancel = new CancellationTokenSource();

        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in Client().GetStreamingResponseAsync([new(ChatRole.User, "hi")], cancellationToken: cancel.Token))
                await cancel.CancelAsync();
        });

        Assert.Equal(cancel.Token, thrown.CancellationToken);
    }

    [Fact]
    public void The_client_describes_its_provider()
    {
        var metadata = Client().GetService<ChatClientMetadata>();

        Assert.Equal("gemini", metadata!.ProviderName);
        Assert.Equal(server.Endpoint, metadata.ProviderUri);
        Assert.Equal(Model, metadata.DefaultModelId);
    }

    private GeminiChatClient Client(int? thinkingBudget = null, TimeProvider? time = null)
    {
        var client = new GeminiChatClient(server.Endpoint, Model, ApiKey, TimeSpan.FromSeconds(10), thinkingBudget, time);
        clients.Add(client);
        return client;
    }

}
