using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using TaskChat.Core.Assistant.Runs;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;
using TaskChat.Core.Sync;
using TaskChat.Core.Telemetry;
using TaskChat.Tests.Infrastructure;
using static TaskChat.Core.Telemetry.TaskChatTelemetry;
using static TaskChat.Tests.Infrastructure.OpenAIChunks;

namespace TaskChat.Tests.Telemetry;

/// <summary>
/// The assistant's own metrics and spans, read while the real runner answers (offline, and through the
/// scripted OpenAI-compatible server): each test listens to its own app's meter and to the spans of its
/// own answers only, so these run in parallel with everything else.
/// </summary>
public sealed class AssistantTelemetryTests
{
    [Fact]
    public async Task An_offline_answer_with_a_tool_call_is_counted_timed_and_traced_as_answer_and_child_tool_span()
    {
        await using var h = await AssistantHarness.OfflineAsync();
        using var metrics = new MetricRecorder(h.Db.Get<TaskChatMetrics>().Meter);
        using var spans = new SpanRecorder();

        var (threadId, answer) = await h.AskAsync("add buy milk tomorrow");

        Assert.Equal(MessageStatus.Complete, answer.Status);
        Assert.Equal(1, metrics.Sum(Names.AnswersStarted, (Tags.Provider, "taskchat.offline")));
        Assert.Equal(1, metrics.Sum(Names.AnswersFinished, (Tags.Provider, "taskchat.offline")));
        Assert.Empty(metrics.Of(Names.AnswersFailed));
        Assert.Equal(1, metrics.Sum(Names.ToolCalls, (Tags.Tool, ToolNames.AddTask), (Tags.Outcome, "ok")));
        var firstToken = Assert.Single(metrics.Of(Names.TimeToFirstToken));
        Assert.Equal("s", firstToken.Unit);
        Assert.True(firstToken.Value >= 0);
        Assert.Equal(answer.Text.Length, metrics.Sum(Names.Characters));

        var span = Assert.Single(spans.Answers);
        Assert.NotEqual(spans.Cause.TraceId, span.TraceId); // its own trace, linked to what asked for it
        Assert.Equal(threadId, span.GetTagItem(Tags.ThreadId));
        Assert.Equal(answer.Id, span.GetTagItem(Tags.MessageId));
        Assert.Equal("taskchat.offline", span.GetTagItem(Tags.Provider));
        Assert.Equal("invoke_agent", span.GetTagItem(Tags.Operation));
        Assert.Equal("complete", span.GetTagItem(Tags.Status));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);

        var tool = Assert.Single(spans.ChildrenOf(span));
        Assert.Equal("execute_tool add_task", tool.OperationName);
        Assert.Equal("execute_tool", tool.GetTagItem(Tags.Operation));
        Assert.Equal(ToolNames.AddTask, tool.GetTagItem(Tags.ToolName));
        Assert.Equal("ok", tool.GetTagItem(Tags.Outcome));
        Assert.True(tool.StartTimeUtc >= span.StartTimeUtc && tool.StartTimeUtc + tool.Duration <= span.StartTimeUtc + span.Duration);

        // Ids and fixed words only: not what the user wrote, not who they are.
        var values = new[] { span, tool }.SelectMany(a => a.TagObjects).Select(t => t.Value?.ToString() ?? "").ToArray();
        Assert.DoesNotContain(values, v => v.Contains("milk", StringComparison.OrdinalIgnoreCase) || v.Contains(h.User) || v.Contains('@'));
    }

    [Fact]
    public async Task Provider_usage_is_counted_as_input_and_output_tokens()
    {
        await using var server = await ScriptedOpenAIServer.StartAsync();
        await using var h = await AssistantHarness.ScriptedAsync(server);
        using var metrics = new MetricRecorder(h.Db.Get<TaskChatMetrics>().Meter);
        server.EnqueueStream(Role(), Text("Hello"), Text(", Ada"), Finish("stop"), Usage(120, 30));

        await h.AskAsync("hi");

        Assert.Equal(120, metrics.Sum(Names.Tokens, (Tags.Provider, "openai"), (Tags.TokenType, "input")));
        Assert.Equal(30, metrics.Sum(Names.Tokens, (Tags.TokenType, "output")));
        Assert.Equal("Hello, Ada".Length, metrics.Sum(Names.Characters));
        Assert.Equal(1, metrics.Sum(Names.AnswersFinished, (Tags.Provider, "openai")));
    }

    public static TheoryData<string, string> ProviderFailures => new()
    {
        { "429", "rate_limited" },
        { "500", "server_error" },
        { "cut", "stream_cut" },
    };

    [Theory]
    [MemberData(nameof(ProviderFailures))]
    public async Task A_provider_failure_is_counted_as_failed_with_its_reason_and_marks_the_span_an_error(string failure, string reason)
    {
        await using var server = await ScriptedOpenAIServer.StartAsync();
        await using var h = await AssistantHarness.ScriptedAsync(server, ("Assistant:MaxRetries", "0"));
        using var metrics = new MetricRecorder(h.Db.Get<TaskChatMetrics>().Meter);
        using var spans = new SpanRecorder();
        switch (failure)
        {
            case "429": server.EnqueueError(429, Error("Slow down", "rate_limit_exceeded")); break;
            case "500": server.EnqueueError(500, Error("Oops", "server_error")); break;
            default: server.EnqueueStream(StreamEnding.Abort, Role(), Text("The first half")); break;
        }

        var (_, answer) = await h.AskAsync("hi");

        Assert.Equal(MessageStatus.Failed, answer.Status);
        Assert.Equal(1, metrics.Sum(Names.AnswersFailed, (Tags.Provider, "openai"), (Tags.Reason, reason)));
        Assert.Single(metrics.Of(Names.AnswersFailed));
        Assert.Empty(metrics.Of(Names.AnswersFinished));
        Assert.Equal(failure == "cut" ? 1 : 0, metrics.Of(Names.TimeToFirstToken).Count);
        var span = Assert.Single(spans.Answers);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(reason, span.GetTagItem(Tags.ErrorType));
        Assert.Equal("failed", span.GetTagItem(Tags.Status));
    }

    [Fact]
    public async Task Tool_calls_are_counted_by_tool_and_outcome_and_a_made_up_tool_name_is_not_a_tag()
    {
        await using var server = await ScriptedOpenAIServer.StartAsync();
        await using var h = await AssistantHarness.ScriptedAsync(server);
        using var metrics = new MetricRecorder(h.Db.Get<TaskChatMetrics>().Meter);
        using var spans = new SpanRecorder();
        server.EnqueueStream(Role(),
            ToolCall(0, "c1", ToolNames.AddTask, """{"title":"First"}"""),
            ToolCall(1, "c2", ToolNames.CompleteTask, """{"task_id":777}"""),
            ToolCall(2, "c3", ToolNames.AddTask, "{\"title\": \"unterminated"),
            ToolCall(3, "c4", "launch_rockets", "{}"),
            Finish("tool_calls"));
        server.EnqueueStream(Role(), Text("Done what I could."), Finish("stop"));

        await h.AskAsync("do things");

        Assert.Equal(1, metrics.Sum(Names.ToolCalls, (Tags.Tool, ToolNames.AddTask), (Tags.Outcome, "ok")));
        Assert.Equal(1, metrics.Sum(Names.ToolCalls, (Tags.Tool, ToolNames.CompleteTask), (Tags.Outcome, "error")));
        Assert.Equal(1, metrics.Sum(Names.ToolCalls, (Tags.Tool, ToolNames.AddTask), (Tags.Outcome, "invalid_arguments")));
        Assert.Equal(1, metrics.Sum(Names.ToolCalls, (Tags.Tool, "unknown"), (Tags.Outcome, "not_found")));
        Assert.Equal(4, metrics.Sum(Names.ToolCalls));
        Assert.DoesNotContain(metrics.Of(Names.ToolCalls), m => Equals(m.Tags[Tags.Tool], "launch_rockets"));

        var toolSpans = spans.ChildrenOf(Assert.Single(spans.Answers));
        Assert.Equal(["execute_tool add_task", "execute_tool add_task", "execute_tool complete_task"], toolSpans.Select(s => s.OperationName).Order());
        Assert.Equal(["c1", "c2", "c3"], toolSpans.Select(s => (string)s.GetTagItem(Tags.ToolCallId)!).Order());
        Assert.Equal(2, toolSpans.Count(s => s.Status == ActivityStatusCode.Error));
    }

    [Fact]
    public async Task A_declined_bulk_call_is_counted_as_declined()
    {
        await using var h = await AssistantHarness.OfflineAsync();
        using var metrics = new MetricRecorder(h.Db.Get<TaskChatMetrics>().Meter);
        var (threadId, run, call) = await h.SendUntilApprovalAsync("get rid of all my tasks", "Call mom");

        h.Runner.Decide(h.User, threadId, call.Id, approved: false);
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, metrics.Sum(Names.ToolCalls, (Tags.Tool, ToolNames.DeleteAllTasks), (Tags.Outcome, "declined")));
        Assert.Equal(1, metrics.Sum(Names.AnswersFinished));
    }

    [Theory]
    [InlineData(false, "stopped", ActivityStatusCode.Unset)]
    [InlineData(true, "interrupted", ActivityStatusCode.Error)]
    public async Task A_stopped_or_interrupted_answer_is_counted_with_that_reason(bool shutdown, string reason, ActivityStatusCode spanStatus)
    {
        await using var server = await ScriptedOpenAIServer.StartAsync();
        await using var h = await AssistantHarness.ScriptedAsync(server);
        using var metrics = new MetricRecorder(h.Db.Get<TaskChatMetrics>().Meter);
        using var spans = new SpanRecorder();
        server.EnqueueStream(Role(), Text("Thinking"), new SseChunk(Text(" never arrives"), TimeSpan.FromSeconds(30)), Finish("stop"));
        var thread = await h.Threads.CreateAsync(h.User);
        var run = await h.Runner.SendAsync(h.User, thread.Id, "hi");
        await h.WaitForEventAsync<RunChunk>();

        if (shutdown) await h.Runner.InterruptAllAsync();
        else h.Runner.Stop(h.User, thread.Id);
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, metrics.Sum(Names.AnswersFailed, (Tags.Reason, reason)));
        Assert.Equal(1, metrics.Sum(Names.AnswersStarted));
        var span = Assert.Single(spans.Answers);
        Assert.Equal(reason, span.GetTagItem(Tags.Status));
        Assert.Equal(spanStatus, span.Status);
    }

    [Fact]
    public async Task An_answer_left_streaming_by_a_process_that_is_gone_is_counted_as_interrupted_by_the_one_that_finds_it()
    {
        await using var h = await AssistantHarness.OfflineAsync();
        using var metrics = new MetricRecorder(h.Db.Get<TaskChatMetrics>().Meter);
        await h.Store.BeginTurnAsync(h.User, (await h.Threads.CreateAsync(h.User)).Id, "cut off", "offline", "m");
        var lifetime = h.Db.Get<IEnumerable<IHostedService>>().OfType<AssistantLifetime>().Single();

        await lifetime.StartAsync(CancellationToken.None);
        await lifetime.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10)); // alone, it sweeps once at start-up
        await lifetime.StopAsync(CancellationToken.None);

        Assert.Equal(1, metrics.Sum(Names.AnswersFailed, (Tags.Provider, "taskchat.offline"), (Tags.Reason, "interrupted")));
    }
}
