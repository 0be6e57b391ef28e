using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TaskChat.Core.Assistant.Providers.Gemini;

/// <summary>
/// Turns Gemini's failures into <see cref="ProviderException"/>s a user can act on. Google's error
/// body is <c>{"error":{"code","message","status","details":[…]}}</c> (sometimes wrapped in an array);
/// its message is shown for refused requests, shortened and with the key blanked out, because a
/// DebugInfo detail or an echoed request can contain it.
/// </summary>
internal sealed class GeminiErrorTranslator(Uri endpoint, string apiKey, TimeSpan networkTimeout, TimeProvider time)
{
    private const int MaxProviderMessageLength = 300;
    private const string KeySetting = "GEMINI_API_KEY or Assistant:ApiKey";

    public ProviderException FromStatus(int status, HttpResponseHeaders headers, string body) =>
        FromError(status, ErrorObject(body), headers);

    /// <summary>An <c>{"error":…}</c> object sent inside the stream instead of an HTTP status.</summary>
    public ProviderException FromStreamedError(JsonElement error) =>
        FromError(error.TryGetProperty("code", out var code) && code.TryGetInt32(out var status) ? status : 500, error, headers: null);

    /// <summary>The exception to throw instead of <paramref name="exception"/>, or null to let it propagate.</summary>
    /// <remarks>The caller's own cancellation never gets here: it is not a failure.</remarks>
    public ProviderException? FromException(Exception exception, bool answering) => exception switch
    {
        // A cancellation the caller did not ask for is our network timeout: nothing arrived for that long.
        OperationCanceledException => new ProviderException(ProviderErrorKind.Timeout,
            $"Gemini did not answer within {networkTimeout.TotalSeconds:0.#} s.", inner: exception),
        // Before the response started, a failed connection is the network; once it streams, a cut.
        HttpRequestException or IOException when answering => StreamCut(exception),
        HttpRequestException => new ProviderException(ProviderErrorKind.Network,
            $"Gemini at {endpoint.Authority} could not be reached.", inner: exception),
        _ => null,
    };

    public static ProviderException StreamCut(Exception? inner = null) =>
        new(ProviderErrorKind.StreamCut, "Gemini's answer was cut off before it finished.", inner: inner);

    public static ProviderException Malformed(Exception? inner = null) =>
        new(ProviderErrorKind.Malformed, "Gemini sent a reply that could not be read.", inner: inner);

    private ProviderException FromError(int status, JsonElement? error, HttpResponseHeaders? headers)
    {
        var message = error is { } found ? Message(found) : null;
        return status switch
        {
            401 or 403 => Unauthorized(status),
            // Google answers a wrong key with 400 INVALID_ARGUMENT; only its ErrorInfo says why.
            400 when error is { } refusal && Reason(refusal) is "API_KEY_INVALID" => Unauthorized(status),
            408 => new(ProviderErrorKind.Timeout, "Gemini timed out (HTTP 408)."),
            429 => RateLimited(error, headers),
            >= 500 => new(ProviderErrorKind.ServerError, $"Gemini had an internal error (HTTP {status}){(message is null ? "." : ": " + message)}"),
            _ => new(ProviderErrorKind.BadRequest, message is null
                ? $"Gemini refused the request (HTTP {status}); check the model name (Assistant:Model) and Assistant:Endpoint."
                : $"Gemini refused the request (HTTP {status}): {message}"),
        };
    }

    private static ProviderException Unauthorized(int status) => new(ProviderErrorKind.Unauthorized,
        $"Gemini rejected the API key (HTTP {status}); check {KeySetting}.");

    private ProviderException RateLimited(JsonElement? error, HttpResponseHeaders? headers)
    {
        var wait = (error is { } e ? RetryDelay(e) : null) ?? (headers is null ? null : RetryAfterHeader(headers));
        var message = wait is { } w
            ? $"Gemini is rate-limiting requests or the key's quota is used up; try again in {Math.Ceiling(w.TotalSeconds):0} s."
            : "Gemini is rate-limiting requests or the key's quota is used up; try again shortly.";
        return new ProviderException(ProviderErrorKind.RateLimited, message, wait);
    }

    // google.rpc.RetryInfo carries a protobuf Duration, which JSON writes as seconds with an "s": "7s", "0.5s".
    private static TimeSpan? RetryDelay(JsonElement error)
    {
        foreach (var detail in Details(error))
        {
            if (!IsDetail(detail, "google.rpc.RetryInfo") || !detail.TryGetProperty("retryDelay", out var delay)
                || delay.ValueKind != JsonValueKind.String) continue;
            var text = delay.GetString()!;
            if (text.EndsWith('s') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                return TimeSpan.FromSeconds(seconds);
        }
        return null;
    }

    private TimeSpan? RetryAfterHeader(HttpResponseHeaders headers) => headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } at } => at > time.GetUtcNow() ? at - time.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    private static string? Reason(JsonElement error) =>
        Details(error).Where(d => IsDetail(d, "google.rpc.ErrorInfo")).Select(d => StringProperty(d, "reason")).FirstOrDefault(r => r is not null);

    private static IEnumerable<JsonElement> Details(JsonElement error) =>
        error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array
            ? details.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.Object)
            : [];

    private static bool IsDetail(JsonElement detail, string type) =>
        StringProperty(detail, "@type")?.EndsWith("/" + type, StringComparison.Ordinal) == true;

    /// <summary>The <c>error</c> object of a body, however wrapped, or null when the body is not Google's error JSON.</summary>
    private static JsonElement? ErrorObject(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0) root = root[0];
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                ? error.Clone()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string? Message(JsonElement error) => StringProperty(error, "message") is { Length: > 0 } message ? Tidy(message) : null;

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private string Tidy(string message)
    {
        message = message.Replace(apiKey, "***", StringComparison.Ordinal).Trim();
        return message.Length <= MaxProviderMessageLength ? message : message[..MaxProviderMessageLength] + "…";
    }
}
