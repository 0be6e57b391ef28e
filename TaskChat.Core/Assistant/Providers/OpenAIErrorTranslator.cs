using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Text.Json;
using OpenAI.Chat;

namespace TaskChat.Core.Assistant.Providers;

/// <summary>
/// Classifies what the OpenAI SDK throws into a <see cref="ProviderException"/> with a message a user
/// can act on. Messages name the endpoint's host but never the API key or the request.
/// </summary>
internal sealed class OpenAIErrorTranslator(Uri endpoint, string? apiKey, TimeSpan networkTimeout, TimeProvider time)
{
    private const int MaxProviderMessageLength = 300;

    /// <summary>The exception to throw instead, or null to let <paramref name="exception"/> propagate.</summary>
    public ProviderException? Translate(Exception exception, CancellationToken callerToken) => exception switch
    {
        // The caller's own cancellation is not a failure: it propagates unchanged.
        OperationCanceledException when callerToken.IsCancellationRequested => null,
        // Any other cancellation is the SDK's network timeout firing.
        OperationCanceledException => new ProviderException(ProviderErrorKind.Timeout,
            $"The assistant's provider did not answer within {networkTimeout.TotalSeconds:0.#} s.", inner: exception),
        ClientResultException { Status: 0 } => Unreachable(exception),
        ClientResultException failed => FromStatus(failed.Status, failed.GetRawResponse()),
        HttpRequestException => Unreachable(exception),
        IOException => new ProviderException(ProviderErrorKind.StreamCut,
            "The assistant's answer was cut off before it finished.", inner: exception),
        JsonException => Malformed(exception),
        // The SDK reads finish_reason strictly: a value outside OpenAI's own set (LocalAI sends "") throws
        // "Unknown ChatFinishReason value" while the chunk is read (openai/openai-dotnet#342, won't fix).
        ArgumentOutOfRangeException => Malformed(exception),
        _ => null,
    };

    /// <summary>
    /// An <c>{"error":…}</c> event sent inside a 200 stream (OpenAI, vLLM and LiteLLM do this when the
    /// model fails mid-answer). The SDK reads it as an empty chunk; without this it would look like
    /// the stream was merely cut. Only chunks that carry nothing are re-read, so answers pay nothing.
    /// </summary>
    public ProviderException? StreamedError(StreamingChatCompletionUpdate chunk)
    {
        if (chunk.ContentUpdate.Count > 0 || chunk.ToolCallUpdates.Count > 0 || chunk.FinishReason is not null || chunk.Usage is not null)
            return null;
        var json = ModelReaderWriter.Write(chunk, ModelReaderWriterOptions.Json);
        if (!HasError(json)) return null;
        return new ProviderException(ProviderErrorKind.ServerError, ProviderMessage(json) is { } message
            ? $"The assistant's provider reported an error mid-answer: {message}"
            : "The assistant's provider reported an error mid-answer.");
    }

    private static bool HasError(BinaryData json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ProviderException Malformed(Exception exception) => new(ProviderErrorKind.Malformed,
        "The assistant's provider sent a reply that could not be read.", inner: exception);

    private ProviderException Unreachable(Exception exception) => new(ProviderErrorKind.Network,
        $"The assistant's provider at {endpoint.Authority} could not be reached.", inner: exception);

    // The SDK's own exception is not kept as the inner one: its message quotes the response body,
    // which some providers fill with (part of) the key they rejected.
    private ProviderException FromStatus(int status, PipelineResponse? response) => status switch
    {
        429 => RateLimited(response),
        401 or 403 => new(ProviderErrorKind.Unauthorized, "The assistant's API key was rejected; check Assistant:ApiKey."),
        408 => new(ProviderErrorKind.Timeout, "The assistant's provider timed out (HTTP 408)."),
        >= 500 => new(ProviderErrorKind.ServerError, $"The assistant's provider had an internal error (HTTP {status})."),
        _ => new(ProviderErrorKind.BadRequest, ProviderMessage(response) is { } message
            ? $"The assistant's provider refused the request (HTTP {status}): {message}"
            : $"The assistant's provider refused the request (HTTP {status}); check the model name and endpoint."),
    };

    private ProviderException RateLimited(PipelineResponse? response)
    {
        var retryAfter = response is null ? null : RetryAfter(response);
        var message = retryAfter is { } wait
            ? $"The assistant's provider is rate-limiting requests; try again in {Math.Ceiling(wait.TotalSeconds):0} s."
            : "The assistant's provider is rate-limiting requests; try again shortly.";
        return new ProviderException(ProviderErrorKind.RateLimited, message, retryAfter);
    }

    private TimeSpan? RetryAfter(PipelineResponse response)
    {
        // OpenAI sends the precise value in milliseconds beside the standard header.
        if (response.Headers.TryGetValue("retry-after-ms", out var milliseconds)
            && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
            return TimeSpan.FromMilliseconds(ms);
        if (!response.Headers.TryGetValue("Retry-After", out var value) || value is null) return null;
        // Either delay-seconds or an HTTP date (RFC 1123), as HTTP allows both.
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            var wait = at - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    /// <summary>
    /// The provider's own explanation, from <c>{"error":{"message":…}}</c> (OpenAI, Ollama), the same
    /// wrapped in an array (Gemini), <c>{"error":"…"}</c> or <c>{"message":…}</c> (vLLM).
    /// </summary>
    private string? ProviderMessage(PipelineResponse? response) => ProviderMessage(response?.Content);

    private string? ProviderMessage(BinaryData? content)
    {
        if (content is null || content.ToMemory().IsEmpty) return null;
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0) root = root[0];
            if (root.ValueKind != JsonValueKind.Object) return null;
            var message = root.TryGetProperty("error", out var error)
                ? error.ValueKind == JsonValueKind.String ? error.GetString() : StringProperty(error, "message")
                : StringProperty(root, "message");
            return string.IsNullOrWhiteSpace(message) ? null : Tidy(message);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private string Tidy(string message)
    {
        // Providers sometimes echo what they were sent; the key must not reach a screen or a log.
        if (!string.IsNullOrEmpty(apiKey)) message = message.Replace(apiKey, "***", StringComparison.Ordinal);
        message = message.Trim();
        return message.Length <= MaxProviderMessageLength ? message : message[..MaxProviderMessageLength] + "…";
    }
}
