using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskChat.Core.Chat;
using TaskChat.Core.Sync;
using TaskChat.Core.Telemetry;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>
/// Finds answers left "streaming" by a process that is gone and marks them interrupted (their text
/// so far kept); at shutdown, ends and saves this instance's running answers. Alone, an instance
/// knows at start-up that nothing else can be streaming; sharing the database with other instances,
/// it only takes answers whose heartbeat has been silent for Assistant:InterruptAfterSeconds, and
/// looks again every half of that, so a cut-off answer is marked within 1.5 times the setting.
/// </summary>
internal sealed class AssistantLifetime(
    MessageStore store, ChatRunner runner, IUserBroadcaster events, SyncMode mode, IOptions<AssistantOptions> settings,
    TimeProvider clock, TaskChatMetrics metrics, ILogger<AssistantLifetime> logger)
    : BackgroundService
{
    private TimeSpan Silence => TimeSpan.FromSeconds(settings.Value.InterruptAfterSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Assistant: {Provider}", runner.Provider.DisplayName);
        if (!mode.SharedWithOtherInstances)
        {
            await SweepAsync(null, stoppingToken);
            return;
        }
        // Made before the first sweep awaits anything: the schedule starts when the host does.
        using var timer = new PeriodicTimer(Silence / 2, clock);
        try
        {
            do await SweepAsync(clock.GetUtcNow().UtcDateTime - Silence, stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
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
