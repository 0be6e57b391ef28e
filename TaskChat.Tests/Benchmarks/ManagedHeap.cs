using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace TaskChat.Tests.Benchmarks;

/// <summary>
/// What a process's managed heap holds once everything unreachable is gone. RSS alone cannot say:
/// it also counts garbage the GC has not needed to collect yet and memory it keeps committed for
/// reuse. The app is not changed for this: like dotnet-gcdump, an EventPipe session with the
/// GCHeapCollect keyword makes the runtime run a full blocking GC, whose heap statistics it reports.
/// </summary>
internal static class ManagedHeap
{
    public static async Task<long> LiveBytesAfterFullGcAsync(int processId)
    {
        var keywords = ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect;
        var client = new DiagnosticsClient(processId);
        using var session = client.StartEventPipeSession(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, (long)keywords), requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);

        // Only the statistics that follow the induced full GC count; a routine gen0 GC may come first.
        var induced = -1;
        var live = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Clr.GCStart += e =>
        {
            if (e.Depth == 2 && e.Reason is GCReason.Induced or GCReason.InducedNotForced) induced = e.Count;
        };
        source.Clr.GCHeapStats += e =>
        {
            if (induced >= 0) live.TrySetResult(e.TotalHeapSize);
        };
        var processing = Task.Run(source.Process);
        try
        {
            return await live.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            await processing;
        }
    }
}
