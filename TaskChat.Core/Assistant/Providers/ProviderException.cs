namespace TaskChat.Core.Assistant.Providers;

public enum ProviderErrorKind
{
    /// <summary>429: too many requests or quota used up.</summary>
    RateLimited,
    /// <summary>5xx from the provider.</summary>
    ServerError,
    /// <summary>401/403: the API key is missing, wrong or not allowed.</summary>
    Unauthorized,
    /// <summary>400/404/422: the request was refused (bad model name, bad arguments).</summary>
    BadRequest,
    /// <summary>No first token, or no complete answer, within the configured time.</summary>
    Timeout,
    /// <summary>The provider could not be reached (DNS, refused connection).</summary>
    Network,
    /// <summary>The stream ended before the provider said it was done.</summary>
    StreamCut,
    /// <summary>The provider sent something that is not valid for its protocol.</summary>
    Malformed,
    /// <summary>The provider declined to write or finish the answer (safety, recitation, blocked terms).</summary>
    Refused,
    /// <summary>The provider ended the answer early (length limit, too many tool calls, no reason given).</summary>
    Incomplete,
}

/// <summary>
/// A provider failure, classified so the loop can decide what to retry and the user gets a
/// message that says what happened. Messages never contain API keys or request bodies.
/// </summary>
public sealed class ProviderException(ProviderErrorKind kind, string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public ProviderErrorKind Kind { get; } = kind;

    /// <summary>What the provider asked us to wait before retrying, when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Worth retrying automatically (only ever before any token has been shown).</summary>
    public bool IsTransient => Kind is ProviderErrorKind.RateLimited or ProviderErrorKind.ServerError
        or ProviderErrorKind.Timeout or ProviderErrorKind.Network;
}
