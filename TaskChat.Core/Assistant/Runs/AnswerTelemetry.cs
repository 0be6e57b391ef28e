using System.Diagnostics;
using Microsoft.Extensions.AI;
using TaskChat.Core.Assistant.Providers;
using TaskChat.Core.Chat;
using TaskChat.Core.Data;
using TaskChat.Core.Telemetry;
using static TaskChat.Core.Telemetry.TaskChatTelemetry;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>
/// One answer's span and measurements. The span is the root of its own trace, linked to whatever
/// was current when the answer was asked for (a request, a circuit event): an answer outlives the
/// click and the tab, and a child of a tab's long-lived connection would never end with it.
/// It carries ids (thread, message), never the user's: a trace backend may sit outside the
/// household or team, and the message id leads to the user for whoever may read the database.
/// </summary>
internal sealed class AnswerTelemetry : IDisposable
{
    private readonly TaskChatMetrics metrics;
    private readonly TimeProvider clock;
    private readonly string provider;
    private readonly long started;
    private readonly Activity? span;
    private int firstText;

    public AnswerTelemetry(TaskChatMetrics metrics, TimeProvider clock, AssistantProvider provider, ChatRun run)
    {
        this.metrics = metrics;
        this.clock = clock;
        this.provider = ProviderName(provider.Name);
        started = clock.GetTimestamp();
        var cause = Activity.Current;
        Activity.Current = null; // this flow only: the answer's own Task.Run
        span = Source.StartActivity(Names.AnswerSpan, ActivityKind.Internal, parentContext: default,
            tags:
            [
                // An answer is an agent's turn in the GenAI conventions: model calls and tool calls, looped.
                new(Tags.Operation, "invoke_agent"),
                new(Tags.Provider, this.provider),
                new(Tags.Model, provider.Model),
                new(Tags.ThreadId, run.ThreadId),
                new(Tags.MessageId, run.MessageId),
            ],
            links: cause is null ? null : [new ActivityLink(cause.Context)]);
        metrics.AnswerStarted(this.provider);
    }

    /// <summary>The answer's first text reached the user (called for every piece; counts once).</summary>
    public void TextShown()
    {
        if (Interlocked.Exchange(ref firstText, 1) == 0) metrics.FirstToken(provider, clock.GetElapsedTime(started));
    }

    /// <summary>A child span for one tool call, named and tagged as the GenAI conventions say.</summary>
    public static Activity? StartToolCall(string tool, string callId) =>
        Source.StartActivity(Names.ToolSpan(tool), ActivityKind.Internal, parentContext: default,
            tags:
            [
                new(Tags.Operation, "execute_tool"),
                new(Tags.ToolName, tool),
                new(Tags.ToolCallId, callId),
                new(Tags.ToolType, "function"),
            ]);

    /// <summary>Counts a tool call by name and outcome, and ends its span.</summary>
    public void ToolCallEnded(Activity? toolSpan, string tool, string outcome)
    {
        metrics.ToolCall(tool, outcome);
        if (toolSpan is null) return;
        toolSpan.SetTag(Tags.Outcome, outcome);
        // Declined by the user or cancelled by their Stop (or a shutdown) is how a call may end, not an error.
        if (outcome is ToolOutcomes.Error or ToolOutcomes.InvalidArguments)
            toolSpan.SetTag(Tags.ErrorType, outcome).SetStatus(ActivityStatusCode.Error);
        toolSpan.Dispose();
    }

    /// <param name="reason">Why it did not complete (see <see cref="FailureReason"/>); null when it did.</param>
    public void End(MessageStatus status, string? reason, UsageDetails? usage, int characters)
    {
        if (reason is null) metrics.AnswerFinished(provider);
        else metrics.AnswerFailed(provider, reason);
        metrics.Streamed(provider, characters, usage?.InputTokenCount, usage?.OutputTokenCount);
        if (span is null) return;
        span.SetTag(Tags.Status, status.Hook());
        if (usage?.InputTokenCount is { } input) span.SetTag(Tags.InputTokens, input);
        if (usage?.OutputTokenCount is { } output) span.SetTag(Tags.OutputTokens, output);
        // A user's Stop is how an answer may end, not an error.
        if (reason is not null && status != MessageStatus.Stopped)
            span.SetTag(Tags.ErrorType, reason).SetStatus(ActivityStatusCode.Error);
    }

    public void Dispose() => span?.Dispose();

    /// <summary>The failure classification the code already makes, as a short tag value.</summary>
    public static string FailureReason(Exception e, MessageStatus status) => e switch
    {
        OperationCanceledException when status == MessageStatus.Interrupted => "interrupted",
        OperationCanceledException => "stopped",
        ProviderException p => p.Kind switch
        {
            ProviderErrorKind.RateLimited => "rate_limited",
            ProviderErrorKind.ServerError => "server_error",
            ProviderErrorKind.Unauthorized => "unauthorized",
            ProviderErrorKind.BadRequest => "bad_request",
            ProviderErrorKind.Timeout => "timeout",
            ProviderErrorKind.Network => "network",
            ProviderErrorKind.StreamCut => "stream_cut",
            ProviderErrorKind.Malformed => "malformed",
            ProviderErrorKind.Refused => "refused",
            ProviderErrorKind.Incomplete => "incomplete",
            _ => "provider_error",
        },
        ToolLoopException => "tool_loop",
        StoreBusyException => "store_busy",
        _ => "internal",
    };

    /// <summary>
    /// The GenAI conventions' provider names: an OpenAI-compatible server is reached through the
    /// OpenAI protocol, which the conventions name "openai" whatever runs behind it.
    /// </summary>
    public static string ProviderName(string name) => name switch
    {
        "gemini" => "gcp.gemini",
        "openai-compatible" => "openai",
        _ => "taskchat." + name,
    };
}

/// <summary>How a tool call ended, as the taskchat.tool_calls "outcome" tag says it.</summary>
public static class ToolOutcomes
{
    public const string Ok = "ok";
    public const string Error = "error";
    public const string InvalidArguments = "invalid_arguments";
    public const string Declined = "declined";
    public const string NotFound = "not_found";
    public const string Cancelled = "cancelled";
    /// <summary>A connected app's call refused before it ran: over its token's limit, or beyond its scope.</summary>
    public const string Refused = "refused";
}
