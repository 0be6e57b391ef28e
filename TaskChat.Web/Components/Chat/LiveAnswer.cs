using System.Text;
using TaskChat.Core.Assistant.Runs;
using TaskChat.Core.Chat;

namespace TaskChat.Web.Components.Chat;

/// <summary>The answer streaming in the open thread, as this tab has received it so far.</summary>
public sealed class LiveAnswer
{
    private readonly StringBuilder text = new();
    private readonly List<ToolCallView> toolCalls = [];

    public LiveAnswer(RunSnapshot snapshot)
    {
        MessageId = snapshot.MessageId;
        Reset(snapshot);
    }

    public long MessageId { get; }
    public string Text => text.ToString();
    public int Length => text.Length;
    public IReadOnlyList<ToolCallView> ToolCalls => toolCalls;

    /// <summary>Applies a chunk; false when chunks were missed (the caller resyncs from the run).</summary>
    public bool TryAppend(string delta, int lengthAfter)
    {
        if (lengthAfter <= text.Length) return true; // already have it (arrived with a snapshot)
        if (lengthAfter - delta.Length != text.Length) return false;
        text.Append(delta);
        return true;
    }

    public void SetToolCall(ToolCallView call)
    {
        var index = toolCalls.FindIndex(c => c.Id == call.Id);
        if (index < 0) toolCalls.Add(call); else toolCalls[index] = call;
    }

    public void Reset(RunSnapshot snapshot)
    {
        text.Clear().Append(snapshot.Text);
        toolCalls.Clear();
        toolCalls.AddRange(snapshot.ToolCalls);
    }
}
