using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.AI;
using TaskChat.Core.Assistant.Providers;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Tests.Infrastructure;
using static TaskChat.Tests.Infrastructure.OpenAIChunks;
using static TaskChat.Tests.Infrastructure.ChatClientProbe;

namespace TaskChat.Tests.Assistant;

/// <summary>The real adapter, over the real OpenAI SDK, against a real HTTP server playing the provider.</summary>
public sealed class OpenAICompatibleChatClientTests : IAsyncLifetime
{
    private const string ApiKey = "sk-test-secret-4711";
    private const string RequestedModel = "test-model";

    private ScriptedOpenAIServer server = null!;

    public async Task InitializeAsync() => server = await ScriptedOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Streamed_text_arrives_in_order_as_separate_updates_without_waiting_for_the_rest()
    {
        server.EnqueueStream(Role(), Text("Hel"), Text("lo"), new SseChunk(Text(" world"), TimeSpan.FromMilliseconds(250)), Finish("stop"));
        var clock = Stopwatch.StartNew();
        var arrivals = new List<(string Text, TimeSpan At)>();
        ChatResponseUpdate? last = null;

        await foreach (var update in Client().GetStreamingResponseAsync([new(ChatRole.User, "hi")]))
        {
            if (update.Text.Length > 0) arrivals.Add((update.Text, clock.Elapsed));
            last = update;
        }

        Assert.Equal(["Hel", "lo", " world"], arrivals.Select(a => a.Text));
        Assert.True(arrivals[2].At - arrivals[1].At >= TimeSpan.FromMilliseconds(200),
            "The text sent before the pause must arrive before the pause ends.");
        Assert.Equal(ChatFinishReason.Stop, last!.FinishReason);
        Assert.Equal(Model, last.ModelId);
    }

    [Fact]
    public async Task Cancelling_while_the_provider_is_quiet_ends_the_stream_at_once_not_at_the_network_timeout()
    {
        server.EnqueueStream(Role(), Text("Hello"), new SseChunk(Text(" never sent"), TimeSpan.FromMinutes(10)), Finish("stop"));
        var client = new OpenAICompatibleChatClient(server.Endpoint, RequestedModel, ApiKey, networkTimeout: TimeSpan.FromMinutes(5));
        using var stop = new CancellationTokenSource();
        var received = new List<string>();

        var reading = Task.Run(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync([new(ChatRole.User, "hi")], cancellationToken: stop.Token))
            {
                if (update.Text.Length > 0) received.Add(update.Text);
                if (update.Text == "Hello") stop.CancelAfter(TimeSpan.FromMilliseconds(100)); // while it waits for the next chunk
            }
        });

        // Without the fix the read waits for the next event or the 5-minute network timeout.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["Hello"], received);
    }

    [Fact]
    public async Task A_tool_call_whose_arguments_arrive_in_four_pieces_becomes_one_call()
    {
        server.EnqueueStream([Role(), .. ToolCallInPieces(0, "call_1", ToolNames.AddTask, """{"title":"buy milk","due":"2025-01-02"}""", 4), Finish("tool_calls")]);

        var updates = await CollectAsync(Client());

        var call = Assert.Single(Calls(updates));
        Assert.Equal("call_1", call.CallId);
        Assert.Equal(ToolNames.AddTask, call.Name);
        Assert.Null(call.Exception);
        Assert.Equal("buy milk", Argument(call, "title"));
        Assert.Equal("2025-01-02", Argument(call, "due"));
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
    }

    [Fact]
    public async Task Two_indexed_calls_in_one_turn_become_two_calls_in_order_the_first_as_soon_as_the_second_starts()
    {
        server.EnqueueStream([
            Role(),
            .. ToolCallInPieces(0, "call_a", ToolNames.AddTask, """{"title":"dentist"}""", 3),
            .. ToolCallInPieces(1, "call_b", ToolNames.CompleteTask, """{"id":3}""", 2),
            Finish("tool_calls"),
        ]);

        var updates = await CollectAsync(Client());

        Assert.Equal(["call_a", "call_b"], Calls(updates).Select(c => c.CallId));
        Assert.Equal("dentist", Argument(Calls(updates)[0], "title"));
        Assert.Equal(3, ((JsonElement)Calls(updates)[1].Arguments!["id"]!).GetInt32());
        var firstCallUpdate = updates.Single(u => u.Contents.OfType<FunctionCallContent>().Any(c => c.CallId == "call_a"));
        Assert.Null(firstCallUpdate.FinishReason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public async Task Two_calls_at_the_same_index_with_different_ids_are_two_calls(int? index)
    {
        // Gemini's compatibility layer sends each call whole, every one at index 0 or without an index.
        server.EnqueueStream(
            ToolCall(index, "call_a", ToolNames.AddTask, """{"title":"a"}"""),
            ToolCall(index, "call_b", ToolNames.AddTask, """{"title":"b"}"""),
            Finish("tool_calls"));

        var calls = Calls(await CollectAsync(Client()));

        Assert.Equal(["call_a", "call_b"], calls.Select(c => c.CallId));
        Assert.Equal(["a", "b"], calls.Select(c => Argument(c, "title")));
    }

    [Fact]
    public async Task Arguments_sent_whole_are_parsed()
    {
        server.EnqueueStream(ToolCall(0, "call_1", ToolNames.ListTasks, """{"filter":"open"}"""), Finish("tool_calls"));

        var call = Assert.Single(Calls(await CollectAsync(Client())));

        Assert.Equal("open", Argument(call, "filter"));
    }

    [Fact]
    public async Task Malformed_arguments_still_give_a_call_carrying_the_error()
    {
        server.EnqueueStream(ToolCall(0, "call_1", ToolNames.AddTask, """{"title": "milk"""), Finish("tool_calls"));

        var call = Assert.Single(Calls(await CollectAsync(Client())));

        Assert.Equal("call_1", call.CallId);
        Assert.Equal(ToolNames.AddTask, call.Name);
        Assert.NotNull(call.Exception);
        Assert.Empty(call.Arguments!);
    }

    [Fact]
    public async Task A_call_without_an_id_gets_one()
    {
        server.EnqueueStream(ToolCall(0, null, ToolNames.ListTasks, "{}"), Finish("tool_calls"));

        var call = Assert.Single(Calls(await CollectAsync(Client())));

        Assert.False(string.IsNullOrEmpty(call.CallId));
        Assert.Empty(call.Arguments!);
    }

    [Fact]
    public async Task Usage_is_reported()
    {
        server.EnqueueStream(Text("ok"), Finish("stop"), Usage(promptTokens: 12, completionTokens: 5));

        var usage = Assert.Single((await CollectAsync(Client())).SelectMany(u => u.Contents).OfType<UsageContent>());

        Assert.Equal(12, usage.Details.InputTokenCount);
        Assert.Equal(5, usage.Details.OutputTokenCount);
        Assert.Equal(17, usage.Details.TotalTokenCount);
    }

    [Fact]
    public async Task The_request_carries_the_model_the_tools_the_options_and_the_whole_conversation()
    {
        server.EnqueueStream(Text("done"), Finish("stop"));
        var addTask = AIFunctionFactory.Create((string title, string? due) => "ok", ToolNames.AddTask, "Adds a task.");
        List<ChatMessage> conversation =
        [
            new(ChatRole.System, "You manage tasks."),
            new(ChatRole.User, "add dentist"),
            new(ChatRole.Assistant, [new TextContent("Adding it."), new FunctionCallContent("call_1", ToolNames.AddTask, new Dictionary<string, object?> { ["title"] = "dentist", ["priority"] = 2 })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", JsonDocument.Parse("""{"id":7,"title":"dentist"}""").RootElement)]),
            new(ChatRole.User, "thanks"),
        ];

        await CollectAsync(Client(), conversation, new ChatOptions
        {
            Tools = [addTask],
            ToolMode = ChatToolMode.Auto,
            Temperature = 0.25f,
            MaxOutputTokens = 500,
        });

        var request = Assert.Single(server.Requests).Json;
        Assert.Equal(RequestedModel, request.GetProperty("model").GetString());
        Assert.True(request.GetProperty("stream").GetBoolean());
        // Usage only comes back when asked for; every server we target accepts this with stream=true.
        Assert.True(request.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(0.25, request.GetProperty("temperature").GetDouble(), precision: 3);
        Assert.Equal("auto", request.GetProperty("tool_choice").GetString());

        var function = Assert.Single(request.GetProperty("tools").EnumerateArray()).GetProperty("function");
        Assert.Equal(ToolNames.AddTask, function.GetProperty("name").GetString());
        Assert.Equal("Adds a task.", function.GetProperty("description").GetString());
        Assert.Equal("object", function.GetProperty("parameters").GetProperty("type").GetString());
        Assert.True(function.GetProperty("parameters").GetProperty("properties").TryGetProperty("title", out _));

        var messages = request.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user", "assistant", "tool", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        var toolCall = Assert.Single(messages[2].GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("call_1", toolCall.GetProperty("id").GetString());
        Assert.Equal(ToolNames.AddTask, toolCall.GetProperty("function").GetProperty("name").GetString());
        using var arguments = JsonDocument.Parse(toolCall.GetProperty("function").GetProperty("arguments").GetString()!);
        Assert.Equal("dentist", arguments.RootElement.GetProperty("title").GetString());
        Assert.Equal(2, arguments.RootElement.GetProperty("priority").GetInt32());
        Assert.Contains("Adding it.", messages[2].GetProperty("content").ToString());
        Assert.Equal("call_1", messages[3].GetProperty("tool_call_id").GetString());
        Assert.Equal("""{"id":7,"title":"dentist"}""", messages[3].GetProperty("content").GetString());
    }

    [Fact]
    public async Task The_model_can_be_chosen_per_request_and_tools_switched_off()
    {
        server.EnqueueStream(Text("ok"), Finish("stop"));

        await CollectAsync(Client(), options: new ChatOptions { ModelId = "other-model", ToolMode = ChatToolMode.None });

        var request = Assert.Single(server.Requests).Json;
        Assert.Equal("other-model", request.GetProperty("model").GetString());
        Assert.Equal("none", request.GetProperty("tool_choice").GetString());
    }

    [Fact]
    public async Task The_key_is_sent_as_a_bearer_token_and_never_appears_in_an_exception()
    {
        server.EnqueueError(401, Error($"Incorrect API key provided: {ApiKey}.", "invalid_api_key"));
        server.EnqueueError(400, Error($"Key {ApiKey} may not use this model."));

        var unauthorized = await FailureAsync(Client());
        var refused = await FailureAsync(Client());

        Assert.Equal($"Bearer {ApiKey}", server.Requests[0].Authorization);
        Assert.Equal(ProviderErrorKind.Unauthorized, unauthorized.Kind);
        Assert.Equal("The assistant's API key was rejected; check Assistant:ApiKey.", unauthorized.Message);
        Assert.DoesNotContain(ApiKey, unauthorized.ToString());
        Assert.Equal(ProviderErrorKind.BadRequest, refused.Kind);
        Assert.DoesNotContain(ApiKey, refused.ToString());
    }

    [Fact]
    public async Task A_server_without_keys_is_called_without_one()
    {
        server.EnqueueStream(Text("local"), Finish("stop"));

        var response = await Client(apiKey: null).GetResponseAsync([new(ChatRole.User, "hi")]);

        Assert.Equal("local", response.Text);
        Assert.StartsWith("Bearer ", server.Requests[0].Authorization);
    }

    [Theory]
    [InlineData("Retry-After", "7", 7_000)]
    [InlineData("retry-after-ms", "1500", 1_500)]
    [InlineData("Retry-After", "Wed, 01 Jan 2025 12:00:30 GMT", 30_000)]
    public async Task Rate_limiting_says_how_long_to_wait_and_is_not_retried_by_the_sdk(string header, string value, int expectedMilliseconds)
    {
        server.EnqueueError(429, Error("Rate limit reached.", "rate_limit_exceeded"), new Dictionary<string, string> { [header] = value });
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));

        var failure = await FailureAsync(Client(time: clock));

        Assert.Equal(ProviderErrorKind.RateLimited, failure.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), failure.RetryAfter);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task A_server_error_is_reported_once_and_not_retried_by_the_sdk(int status)
    {
        server.EnqueueError(status, Error("The server had an error.", "server_error"));

        var failure = await FailureAsync(Client());

        Assert.Equal(ProviderErrorKind.ServerError, failure.Kind);
        Assert.True(failure.IsTransient);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task A_rejected_key_is_unauthorized(int status)
    {
        server.EnqueueError(status, Error("Invalid key."));

        Assert.Equal(ProviderErrorKind.Unauthorized, (await FailureAsync(Client())).Kind);
    }

    [Theory]
    [InlineData(400, """{"error":{"message":"Model 'gpt-nope' does not exist.","type":"invalid_request_error"}}""")]
    [InlineData(404, """[{"error":{"code":404,"message":"Model 'gpt-nope' does not exist.","status":"NOT_FOUND"}}]""")]
    [InlineData(422, """{"object":"error","message":"Model 'gpt-nope' does not exist.","code":422}""")]
    public async Task A_refused_request_carries_the_providers_explanation(int status, string body)
    {
        server.EnqueueError(status, body);

        var failure = await FailureAsync(Client());

        Assert.Equal(ProviderErrorKind.BadRequest, failure.Kind);
        Assert.Contains("Model 'gpt-nope' does not exist.", failure.Message);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task A_long_provider_explanation_is_shortened()
    {
        server.EnqueueError(400, Error(new string('x', 5_000)));

        var failure = await FailureAsync(Client());

        Assert.InRange(failure.Message.Length, 300, 400);
    }

    [Theory]
    [InlineData(StreamEnding.Abort)]
    [InlineData(StreamEnding.Close)]
    public async Task A_stream_cut_before_it_finished_delivers_what_came_then_fails(StreamEnding ending)
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
    public async Task A_chunk_that_is_not_json_is_malformed()
    {
        server.EnqueueStream(Text("Hel"), "{\"choices\": [ not json", Finish("stop"));

        Assert.Equal(ProviderErrorKind.Malformed, (await FailureAsync(Client())).Kind);
    }

    [Fact]
    public async Task A_finish_reason_outside_the_protocol_is_malformed_not_an_sdk_crash()
    {
        // The SDK throws ArgumentOutOfRangeException for finish reasons OpenAI does not define.
        server.EnqueueStream(Text("Hel"), Finish("eos_token"));

        Assert.Equal(ProviderErrorKind.Malformed, (await FailureAsync(Client())).Kind);
    }

    [Fact]
    public async Task A_port_with_nothing_listening_is_a_network_failure()
    {
        var client = new OpenAICompatibleChatClient(new Uri($"http://127.0.0.1:{Loopback.FreePort()}/v1/"), RequestedModel, ApiKey, TimeSpan.FromSeconds(5));

        var failure = await FailureAsync(client);

        Assert.Equal(ProviderErrorKind.Network, failure.Kind);
        Assert.DoesNotContain(ApiKey, failure.ToString());
    }

    [Fact]
    public async Task A_provider_that_goes_silent_times_out()
    {
        server.EnqueueStream(Text("Hel"), new SseChunk(Text("lo"), TimeSpan.FromSeconds(30)), Finish("stop"));
        var client = new OpenAICompatibleChatClient(server.Endpoint, RequestedModel, ApiKey, TimeSpan.FromMilliseconds(200));

        Assert.Equal(ProviderErrorKind.Timeout, (await FailureAsync(client)).Kind);
    }

    [Fact]
    public async Task Cancelling_mid_stream_throws_the_callers_cancellation_unchanged()
    {
        server.EnqueueStream(Text("Hel"), new SseChunk(Text("lo"), TimeSpan.FromSeconds(30)), Finish("stop"));
        using var cancel = new CancellationTokenSource();

        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in Client().GetStreamingResponseAsync([new(ChatRole.User, "hi")], cancellationToken: cancel.Token))
                await cancel.CancelAsync();
        });

        Assert.Equal(cancel.Token, thrown.CancellationToken);
    }

    [Fact]
    public async Task The_whole_response_can_be_had_at_once()
    {
        server.EnqueueStream([Text("Let me add that."), .. ToolCallInPieces(0, "call_1", ToolNames.AddTask, """{"title":"x"}""", 2), Finish("tool_calls")]);

        var response = await Client().GetResponseAsync([new(ChatRole.User, "add x")]);

        Assert.Equal("Let me add that.", response.Text);
        Assert.Equal("call_1", Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()).CallId);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public void The_client_describes_its_provider()
    {
        var metadata = Client().GetService<ChatClientMetadata>();

        Assert.Equal("openai-compatible", metadata!.ProviderName);
        Assert.Equal(server.Endpoint, metadata.ProviderUri);
        Assert.Equal(RequestedModel, metadata.DefaultModelId);
    }

    private OpenAICompatibleChatClient Client(string? apiKey = ApiKey, TimeProvider? time = null) =>
        new(server.Endpoint, RequestedModel, apiKey, TimeSpan.FromSeconds(10), time);

}
