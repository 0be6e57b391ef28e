using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using TaskChat.Core.Assistant.Providers;
using TaskChat.Core.Chat;
using TaskChat.Core.Sync;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>The model kept calling tools without ever answering.</summary>
public sealed class ToolLoopException(int rounds)
    : Exception($"The assistant kept calling tools without finishing its answer, so it was stopped after {rounds} rounds. Try asking more specifically.");

/// <summary>
/// Generates one answer through the <see cref="AnswerPipeline"/> and says how it ended: the usage on
/// success, or why it failed where the pipeline ends without an error of its own.
/// </summary>
internal sealed class AnswerStream(AssistantProvider provider, AssistantOptions options, MessageStore store, IUserBroadcaster events,
    TimeProvider clock, ILoggerFactory loggers)
{
    public async Task<UsageDetails> RunAsync(ChatRun run, List<AiChatMessage> messages, IReadOnlyList<AIFunction> tools, AnswerTelemetry telemetry)
    {
        var cards = new ToolCallCards(run, store, events, tools);
        var pipeline = AnswerPipeline.For(run, cards, telemetry, provider, options, events, clock, loggers);
        var chatOptions = new ChatOptions { Tools = [.. tools], ModelId = provider.Model, Temperature = options.Temperature };
        var usage = new UsageDetails();
        var calls = new List<FunctionCallContent>();
        await foreach (var update in pipeline.GetStreamingResponseAsync(messages, chatOptions, run.StopToken))
        {
            foreach (var content in update.Contents)
            {
                if (content is UsageContent used) usage.Add(used.Details);
                else if (content is FunctionCallContent call) calls.Add(call);
            }
        }

        // The loop marks each call it ran; one it did not run was asked for on its last model call.
        if (calls.Any(c => !c.InformationalOnly)) throw new ToolLoopException(options.MaxToolRounds);
        // A provider that "finishes" having said and done nothing would leave a blank, complete
        // answer: to the user that looks like the app broke, so say what happened.
        if (run.Shown == (0, 0))
            throw new ProviderException(ProviderErrorKind.Incomplete, "The assistant returned an empty answer; try again.");
        return usage;
    }
}
