using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using TaskChat.Core.Assistant.Providers;
using TaskChat.Core.Chat;
using TaskChat.Core.Sync;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>
/// The model pipeline of one answer, in one place. Outermost first:
/// <list type="number">
/// <item>Microsoft.Extensions.AI's function-calling loop (<see cref="TaskToolInvoker"/>): calls the model,
/// runs the tools it asks for (through the approval gate), sends the results back, until the model
/// answers. At most MaxToolRounds model calls: the last one is offered no tools, and if the model
/// still calls one the loop hands the call back unrun (see <see cref="AnswerStream"/>).</item>
/// <item><see cref="ShowAsStreamed"/>: text and tool-call cards reach the user as each model call streams.</item>
/// <item><see cref="RetryBeforeShown"/>: transient failures retried while nothing of that call was shown.</item>
/// <item><see cref="ModelCallDeadlines"/>: first-token and answer timeouts per model call.</item>
/// <item>Logging, then the provider's <see cref="IChatClient"/> (Gemini, OpenAI-compatible or offline).</item>
/// </list>
/// Built per answer because its layers hold that answer's state; it is never disposed, since that
/// would dispose the provider's client, which all answers share.
/// </summary>
internal static class AnswerPipeline
{
    public static IChatClient For(ChatRun run, ToolCallCards cards, AnswerTelemetry telemetry, AssistantProvider provider, AssistantOptions options,
        IUserBroadcaster events, TimeProvider clock, ILoggerFactory loggers) =>
        new ChatClientBuilder(provider.Client)
            .Use(inner => new TaskToolInvoker(inner, run, cards, telemetry, loggers)
            {
                // The loop's last model call is one more than its iterations, and is offered no tools.
                MaximumIterationsPerRequest = options.MaxToolRounds - 1,
            })
            .Use(inner => new ShowAsStreamed(inner, run, cards, telemetry, events))
            .Use(inner => new RetryBeforeShown(inner, options, provider.Name, clock, loggers.CreateLogger<RetryBeforeShown>()))
            .Use(inner => new ModelCallDeadlines(inner, options))
            .UseLogging(loggers)
            .Build();
}
