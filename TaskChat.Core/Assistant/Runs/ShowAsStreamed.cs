using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using TaskChat.Core.Sync;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>
/// Shows each model call of an answer as the provider streams it: text appended and published at
/// once, each tool call stored and shown as its card the moment it is known. It sits below the
/// function invoker, which holds back the rest of a model call once a tool call appears; here
/// nothing waits, and every call is on screen before it runs.
/// </summary>
internal sealed class ShowAsStreamed(IChatClient inner, ChatRun run, ToolCallCards cards, AnswerTelemetry telemetry, IUserBroadcaster events)
    : DelegatingChatClient(inner)
{
    private int round;

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var thisRound = Interlocked.Increment(ref round);
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).WithCancellation(cancellationToken))
        {
            foreach (var content in update.Contents)
            {
                switch (content)
                {
                    case TextContent { Text.Length: > 0 } text:
                        var length = run.Append(text.Text);
                        telemetry.TextShown();
                        events.Publish(run.UserId, new RunChunk(run.ThreadId, run.MessageId, text.Text, length));
                        break;
                    case FunctionCallContent call:
                        await cards.AnnounceAsync(call, thisRound);
                        break;
                }
            }
            yield return update;
        }
    }

    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);
}
