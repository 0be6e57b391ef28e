using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using TaskChat.Core.Assistant.Providers;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>
/// Gives each model call two deadlines: its first update within FirstTokenTimeoutSeconds, then all of
/// it within AnswerTimeoutSeconds of that. A missed deadline is a <see cref="ProviderException"/> of
/// kind Timeout saying which, so it is retried (before anything was shown) and reported like any
/// other provider failure; the caller's own cancellation (Stop) passes through as it is.
/// </summary>
internal sealed class ModelCallDeadlines(IChatClient inner, AssistantOptions settings) : DelegatingChatClient(inner)
{
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(settings.FirstTokenTimeoutSeconds));
        var started = false;
        await using var updates = base.GetStreamingResponseAsync(messages, options, deadline.Token).GetAsyncEnumerator(deadline.Token);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync()) yield break;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ProviderException(ProviderErrorKind.Timeout, started
                    ? $"The answer took longer than {Seconds(settings.AnswerTimeoutSeconds)} and was cut off."
                    : $"The assistant did not start answering within {Seconds(settings.FirstTokenTimeoutSeconds)}.");
            }
            if (!started)
            {
                started = true;
                deadline.CancelAfter(TimeSpan.FromSeconds(settings.AnswerTimeoutSeconds));
            }
            yield return updates.Current;
        }
    }

    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    private static string Seconds(int n) => n == 1 ? "1 second" : $"{n} seconds";
}
