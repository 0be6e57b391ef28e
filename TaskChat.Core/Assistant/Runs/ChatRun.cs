using System.Text;
using TaskChat.Core.Chat;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>What a tab needs to show an answer it joins half-way: the text so far and the tool calls.</summary>
public sealed record RunSnapshot(long MessageId, string Text, IReadOnlyList<ToolCallView> ToolCalls);

/// <summary>
/// One answer being generated. Lives in the runner, not in a component: closing the tab does not
/// stop it, and any tab of the user can watch it, stop it or answer its approval questions.
/// </summary>
public sealed class ChatRun
{
    private readonly object gate = new();
    private readonly StringBuilder text = new();
    private readonly List<ToolCallView> toolCalls = [];
    // Keyed by our own tool call id: the model's call ids are not guaranteed unique.
    private readonly Dictionary<long, TaskCompletionSource<bool>> approvals = [];
    private readonly CancellationTokenSource stop = new();

    internal ChatRun(string userId, TurnStart turn)
    {
        UserId = userId;
        ThreadId = turn.ThreadId;
        MessageId = turn.AnswerMessageId;
    }

    public string UserId { get; }
    public int ThreadId { get; }
    public long MessageId { get; }
    public MessageStatus Status { get; private set; } = MessageStatus.Streaming;

    /// <summary>Completes when the answer has ended and been saved.</summary>
    public Task Completion { get; internal set; } = Task.CompletedTask;

    internal CancellationToken StopToken => stop.Token;
    internal bool StopRequested => stop.IsCancellationRequested;

    /// <summary>How much has been shown so far (text, tool calls): a model call that changed it is not retried.</summary>
    internal (int Text, int ToolCalls) Shown { get { lock (gate) return (text.Length, toolCalls.Count); } }

    internal int TextLength { get { lock (gate) return text.Length; } }

    public RunSnapshot Snapshot()
    {
        lock (gate) return new RunSnapshot(MessageId, text.ToString(), toolCalls.ToArray());
    }

    internal string Text { get { lock (gate) return text.ToString(); } }

    /// <returns>The answer's length after the append, for receivers to detect gaps.</returns>
    internal int Append(string delta)
    {
        lock (gate) return text.Append(delta).Length;
    }

    internal int CountToolCalls(string name)
    {
        lock (gate) return toolCalls.Count(c => c.Name == name);
    }

    internal void SetToolCall(ToolCallView call)
    {
        lock (gate)
        {
            var index = toolCalls.FindIndex(c => c.Id == call.Id);
            if (index < 0) toolCalls.Add(call); else toolCalls[index] = call;
        }
    }

    /// <summary>
    /// Opens the question when its card is first shown: the user may answer while earlier tool
    /// calls of the same round are still running, before the loop gets to this one.
    /// </summary>
    internal void ExpectApproval(long toolCallId)
    {
        lock (gate) approvals[toolCallId] = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    internal Task<bool> WaitForApprovalAsync(long toolCallId, CancellationToken ct)
    {
        TaskCompletionSource<bool>? decision;
        lock (gate)
        {
            if (!approvals.TryGetValue(toolCallId, out decision)) throw new InvalidOperationException($"No approval was asked for tool call {toolCallId}.");
        }
        return decision.Task.WaitAsync(ct);
    }

    internal bool Decide(long toolCallId, bool approved)
    {
        TaskCompletionSource<bool>? decision;
        lock (gate)
        {
            if (!approvals.TryGetValue(toolCallId, out decision)) return false;
        }
        return decision.TrySetResult(approved);
    }

    /// <summary>The status the answer ends with when stopped: Stopped by a user, Interrupted by a shutdown.</summary>
    internal MessageStatus StopReason { get; private set; } = MessageStatus.Stopped;

    internal void RequestStop(MessageStatus reason = MessageStatus.Stopped)
    {
        StopReason = reason;
        stop.Cancel();
    }

    internal void End(MessageStatus status)
    {
        lock (gate) Status = status;
    }
}
