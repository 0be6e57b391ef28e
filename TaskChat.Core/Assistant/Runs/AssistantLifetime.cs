using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TaskChat.Core.Chat;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>
/// At start-up, answers a previous process left "streaming" are marked interrupted (their text so
/// far kept); at shutdown, running answers are ended and saved before the process goes.
/// </summary>
internal sealed class AssistantLifetime(MessageStore store, ChatRunner runner, ILogger<AssistantLifetime> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var interrupted = await store.MarkInterruptedAsync(cancellationToken);
        if (interrupted > 0) logger.LogWarning("{Count} answers were cut off by the last shutdown and are marked interrupted", interrupted);
        logger.LogInformation("Assistant: {Provider}", runner.Provider.DisplayName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => runner.InterruptAllAsync().WaitAsync(cancellationToken);
}
