using System.Diagnostics;
using TaskChat.Core.Telemetry;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// Completes when the assistant starts running the tool call with this provider call id (its
/// <c>execute_tool</c> span opens right before the tool runs): a signal to time a test by, for
/// this call only, whatever other tests run beside it.
/// </summary>
public sealed class ToolSpanStarts : IDisposable
{
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActivityListener listener;

    public ToolSpanStarts(string callId)
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TaskChatTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity =>
            {
                if (Equals(activity.GetTagItem(TaskChatTelemetry.Tags.ToolCallId), callId)) started.TrySetResult();
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    public Task Started => started.Task;

    public void Dispose() => listener.Dispose();
}
