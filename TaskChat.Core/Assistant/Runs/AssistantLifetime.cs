using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TaskChat.Core.Chat;
using TaskChat.Core.Sync;
using TaskChat.Core.Telemetry;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>
/// Finds answers left "streaming" by a process that is gone and marks them interrupted (their text
/// so far kept); at shutdown, ends and saves this instance's running answers. Alone, an instance
/// knows at start-up that nothing else can be streaming; sharing the database with other instances,
/// it only takes answers whose heartbeat stopped, and keeps looking every half minute.
/// </summary>
internal sealed class AssistantLifetime(
    MessageStore store, ChatRunner runner, IUserBroadcaster events, SyncMode mode, TimeProvider clock, TaskChatMetrics metrics,
    ILogger<AssistantLifetime> logger)
    : BackgroundService
{
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Assistant: {Provider}", runner.Provider.DisplayName);
        await SweepAsync(mode.SharedWithOtherInstances ? clock.GetUtcNow().UtcDateTime - Silence : null, stoppingToken);
        if (!mode.SharedWithOtherInstances) return;
        using var timer = new PeriodicTimer(Silence, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await SweepAsync(clock.GetUtcNow().UtcDateTime - Silence, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        var saved = await runner.InterruptAllAsync().WaitAsync(cancellationToken);
        if (saved > 0) logger.LogInformation("Shutting down: {Count} running answers saved as interrupted", saved);
        await base.StopAsync(cancellationToken);
    }

    private async Task SweepAsync(DateTime? silentSince, CancellationToken ct)
    {
        try
        {
            var interrupted = await store.MarkInterruptedAsync(silentSince, ct);
            foreach (var (userId, threadId, messageId) in interrupted)
            {
                events.Publish(userId, new RunFinished(threadId, messageId, MessageStatus.Interrupted, "The server restarted while this answer was being written."));
                // Its start was counted by the process that died: counted here, the totals add up.
                metrics.AnswerFailed(AnswerTelemetry.ProviderName(runner.Provider.Name), "interrupted");
            }
            if (interrupted.Count > 0) logger.LogWarning("{Count} answers cut off by a stopped server are marked interrupted", interrupted.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not look for interrupted answers; will try again");
        }
    }
}
