using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using TaskChat.Core.Assistant.Providers;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>
/// Retries a model call that failed with 429, 5xx, a timeout or a network error, with backoff (or
/// the wait the provider asked for, if it is no longer than the first-token timeout), but only
/// while nothing of that call has been passed up: everything passed up is on screen at once (see
/// <see cref="ShowAsStreamed"/>), and repeating a half-shown reply would duplicate text and tool
/// calls. Earlier model calls of the answer are done and stay; a failed later one is retried like the first.
/// </summary>
internal sealed class RetryBeforeShown(IChatClient inner, AssistantOptions settings, string provider, TimeProvider clock, ILogger logger)
    : DelegatingChatClient(inner)
{
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var passedUp = false;
            await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                ProviderException? failure = null;
                try
                {
                    if (!await updates.MoveNextAsync()) yield break;
                }
                catch (ProviderException e) when (!passedUp && MayRetry(e, attempt))
                {
                    failure = e;
                }
                if (failure is not null)
                {
                    var wait = failure.RetryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));
                    logger.LogInformation("Provider {Provider} failed ({Kind}); retry {Attempt} in {Wait}", provider, failure.Kind, attempt + 1, wait);
                    await Task.Delay(wait, clock, cancellationToken);
                    break;
                }
                passedUp = true;
                yield return updates.Current;
            }
        }
    }

    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    private bool MayRetry(ProviderException e, int attempt) =>
        e.IsTransient && attempt < settings.MaxRetries
        && (e.RetryAfter ?? TimeSpan.Zero) <= TimeSpan.FromSeconds(settings.FirstTokenTimeoutSeconds);
}
