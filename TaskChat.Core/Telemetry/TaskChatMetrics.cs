using System.Diagnostics.Metrics;
using static TaskChat.Core.Telemetry.TaskChatTelemetry;

namespace TaskChat.Core.Telemetry;

/// <summary>
/// TaskChat's instruments, on the "TaskChat" meter. A singleton made from the service provider's
/// <see cref="IMeterFactory"/> (one meter per provider, as .NET advises), so a test can listen to its
/// own app's meter while other tests run theirs. With no listener, recording is a no-op.
/// Tag values come from short fixed lists (provider, reason, outcome, our own tool names): never
/// from what a user or the model wrote, which would leak contents and explode cardinality.
/// </summary>
public sealed class TaskChatMetrics
{
    private readonly Counter<long> answersStarted;
    private readonly Counter<long> answersFinished;
    private readonly Counter<long> answersFailed;
    private readonly Histogram<double> timeToFirstToken;
    private readonly Counter<long> tokens;
    private readonly Counter<long> characters;
    private readonly Counter<long> toolCalls;
    private readonly UpDownCounter<long> circuitsLive;
    private readonly Counter<long> queueOverflows;

    public TaskChatMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(Name);
        answersStarted = Meter.CreateCounter<long>(Names.AnswersStarted, "{answer}", "Answers the assistant began.");
        answersFinished = Meter.CreateCounter<long>(Names.AnswersFinished, "{answer}", "Answers that completed.");
        answersFailed = Meter.CreateCounter<long>(Names.AnswersFailed, "{answer}",
            "Answers that did not complete, by reason: a provider error kind, stopped, interrupted, tool_loop, store_busy or internal.");
        timeToFirstToken = Meter.CreateHistogram(Names.TimeToFirstToken, "s", "From the start of an answer to its first streamed text.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60] });
        tokens = Meter.CreateCounter<long>(Names.Tokens, "{token}", "Tokens of answers that completed, as the provider reported them.");
        characters = Meter.CreateCounter<long>(Names.Characters, "{character}", "Characters of answer text streamed to users.");
        toolCalls = Meter.CreateCounter<long>(Names.ToolCalls, "{call}", "Tool calls the model or a connected app (MCP) asked for, by tool and outcome.");
        circuitsLive = Meter.CreateUpDownCounter<long>(Names.CircuitsLive, "{circuit}", "Circuits (open tabs) of signed-in users held by this instance.");
        queueOverflows = Meter.CreateCounter<long>(Names.QueueOverflows, "{overflow}",
            "Tabs whose event queue overflowed: their queued events were dropped for one resync.");
    }

    /// <summary>The meter itself: tests listen to it (and only to it) by reference.</summary>
    public Meter Meter { get; }

    internal void AnswerStarted(string provider) => answersStarted.Add(1, new KeyValuePair<string, object?>(Tags.Provider, provider));

    internal void AnswerFinished(string provider) => answersFinished.Add(1, new KeyValuePair<string, object?>(Tags.Provider, provider));

    internal void AnswerFailed(string provider, string reason) =>
        answersFailed.Add(1, new KeyValuePair<string, object?>(Tags.Provider, provider), new KeyValuePair<string, object?>(Tags.Reason, reason));

    internal void FirstToken(string provider, TimeSpan elapsed) =>
        timeToFirstToken.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(Tags.Provider, provider));

    internal void Streamed(string provider, int characterCount, long? inputTokens, long? outputTokens)
    {
        var by = new KeyValuePair<string, object?>(Tags.Provider, provider);
        if (characterCount > 0) characters.Add(characterCount, by);
        if (inputTokens is > 0) tokens.Add(inputTokens.Value, by, new KeyValuePair<string, object?>(Tags.TokenType, "input"));
        if (outputTokens is > 0) tokens.Add(outputTokens.Value, by, new KeyValuePair<string, object?>(Tags.TokenType, "output"));
    }

    public void ToolCall(string tool, string outcome) =>
        toolCalls.Add(1, new KeyValuePair<string, object?>(Tags.Tool, tool), new KeyValuePair<string, object?>(Tags.Outcome, outcome));

    public void CircuitOpened() => circuitsLive.Add(1);

    public void CircuitClosed() => circuitsLive.Add(-1);

    internal void QueueOverflowed() => queueOverflows.Add(1);
}
