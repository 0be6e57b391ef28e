using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskChat.Core.Accounts;
using TaskChat.Core.Assistant.Providers;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;
using TaskChat.Core.Data;
using TaskChat.Core.Sync;
using TaskChat.Core.Tasks;
using TaskChat.Core.Telemetry;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>
/// Starts, tracks and stops answers. A singleton: runs belong to the server, not to a tab, so a
/// closed or disconnected tab does not stop one, and every tab of the user can follow it.
/// </summary>
public sealed class ChatRunner(
    MessageStore store,
    TaskService tasks,
    UserTimeZones zones,
    IUserBroadcaster events,
    AssistantProvider provider,
    IOptions<AssistantOptions> settings,
    TimeProvider clock,
    TaskChatMetrics metrics,
    ILoggerFactory loggers,
    ILogger<ChatRunner> logger)
{
    private readonly ConcurrentDictionary<int, ChatRun> runs = new();
    // Threads between "may start" and "started": makes one-run-per-thread atomic.
    private readonly ConcurrentDictionary<int, byte> starting = new();
    // While this instance runs answers for a user, it listens for their tabs' control requests
    // (stop, approvals, snapshots), which may come from tabs on other instances.
    private readonly Dictionary<string, (IDisposable Subscription, int Runs)> listening = [];
    private AssistantOptions Options => settings.Value;

    public AssistantProvider Provider => provider;

    public int MessageMaxLength => Options.MessageMaxLength;

    /// <summary>The answer being generated in this thread, if any (and if the thread is the user's).</summary>
    public ChatRun? Current(string userId, int threadId) =>
        runs.TryGetValue(threadId, out var run) && run.UserId == userId ? run : null;

    public Task<ChatRun> SendAsync(string userId, int threadId, string text, CancellationToken ct = default)
    {
        var clean = MessageRules.Text(text, Options.MessageMaxLength);
        return StartAsync(userId, threadId, () => store.BeginTurnAsync(userId, threadId, clean, provider.Name, provider.Model, Admit, ct));
    }

    /// <summary>Answers the last message again (regenerate, retry) or, with <paramref name="editedText"/>, edits it first.</summary>
    public Task<ChatRun> RetryAsync(string userId, int threadId, string? editedText = null, CancellationToken ct = default)
    {
        var clean = editedText is null ? null : MessageRules.Text(editedText, Options.MessageMaxLength);
        return StartAsync(userId, threadId, () => store.BeginRetryAsync(userId, threadId, clean, provider.Name, provider.Model, Admit, ct));
    }

    /// <summary>
    /// Stops the thread's answer from any tab; the partial answer is kept as stopped. An answer run
    /// by another instance is asked to stop through the user's events.
    /// </summary>
    public void Stop(string userId, int threadId)
    {
        if (Current(userId, threadId) is { } run) run.RequestStop();
        else events.Publish(userId, new RunStopRequested(threadId));
    }

    /// <summary>The user's Confirm (true) or Cancel (false) on a bulk tool call waiting for approval.</summary>
    public bool Decide(string userId, int threadId, long toolCallId, bool approved)
    {
        if (Current(userId, threadId) is { } run) return run.Decide(toolCallId, approved);
        events.Publish(userId, new RunDecision(threadId, toolCallId, approved));
        return true;
    }

    /// <summary>A tab joined an answer run by another instance: ask that instance for the text so far.</summary>
    public void RequestSnapshot(string userId, int threadId) => events.Publish(userId, new RunSnapshotRequested(threadId));

    /// <summary>On shutdown: end every answer as interrupted, saving what it has.</summary>
    /// <returns>How many answers were running.</returns>
    public async Task<int> InterruptAllAsync()
    {
        var active = runs.Values.ToArray();
        foreach (var run in active) run.RequestStop(MessageStatus.Interrupted);
        await Task.WhenAll(active.Select(r => r.Completion));
        return active.Length;
    }

    private Task Admit(IReadOnlyList<DateTime> earlier, DateTime now) => SendLimits.CheckAsync(earlier, now, Options);

    private async Task<ChatRun> StartAsync(string userId, int threadId, Func<Task<TurnStart>> begin)
    {
        // Reserve first, then look: a start finishing in between cannot slip past.
        if (!starting.TryAdd(threadId, 0))
            throw new ChatValidationException("The assistant is still answering in this chat. Wait for it, or stop it first.");
        try
        {
            if (runs.TryGetValue(threadId, out var running))
                throw running.UserId == userId
                    ? new ChatValidationException("The assistant is still answering in this chat. Wait for it, or stop it first.")
                    : new ChatNotFoundException("chat"); // another user's thread id says nothing
            var turn = await begin();
            var run = new ChatRun(userId, turn);
            runs[threadId] = run;
            Listen(userId);
            events.Publish(userId, new RunStarted(threadId, run.MessageId));
            events.Publish(userId, new ThreadChanged(threadId, ChangeKind.Updated));
            // Off the caller's (circuit's) context: the answer outlives the tab that asked.
            run.Completion = Task.Run(() => ExecuteAsync(run));
            return run;
        }
        finally
        {
            starting.TryRemove(threadId, out _);
        }
    }

    private async Task ExecuteAsync(ChatRun run)
    {
        var status = MessageStatus.Complete;
        string? error = null;
        string? failure = null;
        UsageDetails? usage = null;
        using var telemetry = new AnswerTelemetry(metrics, clock, provider, run);
        using var snapshots = new CancellationTokenSource();
        var snapshotting = SnapshotAsync(run, snapshots.Token);
        try
        {
            var zone = await zones.GetAsync(run.UserId, run.StopToken);
            var history = await store.GetHistoryAsync(run.UserId, run.ThreadId, run.MessageId, Options.HistoryMessages, run.StopToken);
            var messages = new List<AiChatMessage> { new(AiChatRole.System, SystemPrompt.For(clock.GetUtcNow().UtcDateTime, zone)) };
            messages.AddRange(ConversationHistory.ToModelMessages(history));
            var tools = new TaskKernel(new TaskPlugin(tasks, run.UserId, zone, clock)).Tools;
            usage = await new AnswerStream(provider, Options, store, events, clock, loggers).RunAsync(run, messages, tools, telemetry);
        }
        catch (OperationCanceledException e) when (run.StopRequested)
        {
            status = run.StopReason;
            failure = AnswerTelemetry.FailureReason(e, status);
            if (status == MessageStatus.Interrupted) error = "The server was shutting down while this answer was being written.";
        }
        catch (Exception e) when (e is ProviderException or ToolLoopException or StoreBusyException)
        {
            status = MessageStatus.Failed;
            failure = AnswerTelemetry.FailureReason(e, status);
            error = e.Message;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Answer {MessageId} failed", run.MessageId);
            status = MessageStatus.Failed;
            failure = AnswerTelemetry.FailureReason(e, status);
            error = "Something went wrong while answering. Try again.";
        }
        finally
        {
            await snapshots.CancelAsync();
            await snapshotting;
        }

        try
        {
            await store.FinishAsync(run.MessageId, run.Text, status, error, ToInt(usage?.InputTokenCount), ToInt(usage?.OutputTokenCount), CancellationToken.None);
        }
        catch (Exception e)
        {
            // The start-up sweep will mark it interrupted; the user still sees the live result now.
            logger.LogError(e, "Could not save the end of answer {MessageId}", run.MessageId);
        }
        telemetry.End(status, failure, usage, run.TextLength);
        run.End(status);
        runs.TryRemove(new KeyValuePair<int, ChatRun>(run.ThreadId, run));
        Unlisten(run.UserId);
        events.Publish(run.UserId, new RunFinished(run.ThreadId, run.MessageId, status, error));
    }

    private void Listen(string userId)
    {
        lock (listening)
        {
            listening[userId] = listening.TryGetValue(userId, out var entry)
                ? entry with { Runs = entry.Runs + 1 }
                : (events.Subscribe(userId, e => OnControl(userId, e)), 1);
        }
    }

    private void Unlisten(string userId)
    {
        lock (listening)
        {
            if (!listening.TryGetValue(userId, out var entry)) return;
            if (entry.Runs > 1)
            {
                listening[userId] = entry with { Runs = entry.Runs - 1 };
                return;
            }
            listening.Remove(userId);
            entry.Subscription.Dispose();
        }
    }

    // Only the instance running the answer finds it in its registry; the others do nothing.
    private Task OnControl(string userId, UserEvent control)
    {
        switch (control)
        {
            case RunStopRequested stop when Current(userId, stop.ThreadId) is { } run:
                run.RequestStop();
                break;
            case RunDecision decision when Current(userId, decision.ThreadId) is { } run:
                run.Decide(decision.ToolCallId, decision.Approved);
                break;
            case RunSnapshotRequested request when Current(userId, request.ThreadId) is { } run:
                var snapshot = run.Snapshot();
                events.Publish(userId, new RunSnapshotted(run.ThreadId, snapshot.MessageId, snapshot.Text, snapshot.ToolCalls));
                break;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Saves the text every few seconds, so a crash loses at most that much of a long answer. Saving
    /// even when nothing changed is the answer's heartbeat: an answer whose heartbeat stops is one no
    /// instance is writing any more (see <see cref="MessageStore.MarkInterruptedAsync"/>).
    /// </summary>
    private async Task SnapshotAsync(ChatRun run, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Options.SnapshotSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await store.SaveTextAsync(run.MessageId, run.Text, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Next tick tries again; the final save does not depend on this one. Nothing may
                    // escape: the answer awaits this loop before it ends, and would never end.
                    if (e is not StoreBusyException) logger.LogWarning(e, "Snapshot of answer {MessageId} failed", run.MessageId);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static int? ToInt(long? value) => value is null ? null : (int)Math.Min(value.Value, int.MaxValue);
}
