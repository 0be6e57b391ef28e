using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using OpenAIChatFinishReason = OpenAI.Chat.ChatFinishReason;

namespace TaskChat.Core.Assistant.Providers;

/// <summary>
/// Turns the SDK's streamed chunks into <see cref="ChatResponseUpdate"/>s for one response: text as it
/// arrives, each tool call once it is whole, usage, and the finish reason.
/// </summary>
internal sealed class OpenAIUpdateTranslator(string requestedModel)
{
    private readonly StreamingToolCallAccumulator toolCalls = new();
    private bool finished;
    private bool received;

    public IEnumerable<ChatResponseUpdate> Translate(StreamingChatCompletionUpdate chunk)
    {
        received = true;
        var contents = new List<AIContent>();
        foreach (var piece in chunk.ToolCallUpdates)
            if (toolCalls.Add(piece) is { } completed) contents.Add(completed);

        foreach (var part in chunk.ContentUpdate)
            if (part.Kind == ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
                contents.Add(new TextContent(part.Text));

        if (chunk.FinishReason is { } reason)
        {
            finished = true;
            if (toolCalls.Complete() is { } last) contents.Add(last);
        }

        if (chunk.Usage is { } usage)
            contents.Add(new UsageContent(new UsageDetails
            {
                InputTokenCount = usage.InputTokenCount,
                OutputTokenCount = usage.OutputTokenCount,
                TotalTokenCount = usage.TotalTokenCount,
            }));

        if (contents.Count == 0 && chunk.FinishReason is null) yield break;
        yield return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ResponseId = chunk.CompletionId,
            MessageId = chunk.CompletionId,
            CreatedAt = chunk.CreatedAt,
            ModelId = string.IsNullOrEmpty(chunk.Model) ? requestedModel : chunk.Model,
            FinishReason = chunk.FinishReason is { } finish ? ToFinishReason(finish) : null,
        };
    }

    /// <summary>Called when the stream has ended: a stream that never said it was done was cut.</summary>
    public IEnumerable<ChatResponseUpdate> Complete()
    {
        if (!finished)
            throw new ProviderException(ProviderErrorKind.StreamCut, received
                ? "The assistant's answer was cut off before it finished."
                : "The assistant's provider ended the reply without sending any answer.");
        if (toolCalls.Complete() is { } call)
            yield return new ChatResponseUpdate(ChatRole.Assistant, [call]) { ModelId = requestedModel };
    }

    private static AIChatFinishReason ToFinishReason(OpenAIChatFinishReason reason) => reason switch
    {
        OpenAIChatFinishReason.Length => AIChatFinishReason.Length,
        OpenAIChatFinishReason.ContentFilter => AIChatFinishReason.ContentFilter,
        OpenAIChatFinishReason.ToolCalls or OpenAIChatFinishReason.FunctionCall => AIChatFinishReason.ToolCalls,
        _ => AIChatFinishReason.Stop,
    };
}
