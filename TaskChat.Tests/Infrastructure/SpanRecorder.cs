using System.Diagnostics;
using TaskChat.Core.Telemetry;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// The spans of TaskChat's ActivitySource that belong to this test. Create it in the test method
/// itself: it makes a "cause" activity current there, which is what a request or circuit event is
/// in the app, and an answer started under it links to it. Answers of tests running beside this
/// one link to theirs, so <see cref="Answers"/> holds this test's only.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private static readonly ActivitySource TestSource = new("TaskChat.Tests");
    private readonly ActivityListener listener;
    private readonly List<Activity> stopped = [];

    public SpanRecorder()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is TaskChatTelemetry.Name or "TaskChat.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (stopped) stopped.Add(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);
        Cause = TestSource.StartActivity("test cause")!;
    }

    public Activity Cause { get; }

    /// <summary>This test's ended answer spans.</summary>
    public IReadOnlyList<Activity> Answers => Stopped(a =>
        a.OperationName == TaskChatTelemetry.Names.AnswerSpan && a.Links.Any(l => l.Context.SpanId == Cause.SpanId));

    public IReadOnlyList<Activity> ChildrenOf(Activity parent) => Stopped(a => a.TraceId == parent.TraceId && a.ParentSpanId == parent.SpanId);

    private Activity[] Stopped(Func<Activity, bool> match)
    {
        lock (stopped) return stopped.Where(match).ToArray();
    }

    public void Dispose()
    {
        Cause.Dispose();
        listener.Dispose();
    }
}
