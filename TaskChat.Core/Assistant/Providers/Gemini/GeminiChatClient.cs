using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace TaskChat.Core.Assistant.Providers.Gemini;

/// <summary>
/// <see cref="IChatClient"/> speaking Gemini's own REST API: <c>models/{model}:streamGenerateContent?alt=sse</c>
/// for streamed answers, <c>:generateContent</c> otherwise. Function calls keep the part data Gemini's
/// thinking models need back (thought signatures), and every failure becomes a <see cref="ProviderException"/>.
/// The key travels only in the <c>x-goog-api-key</c> header: never in the URL, a message or a log.
/// </summary>
public sealed class GeminiChatClient : IChatClient
{
    private readonly HttpClient http;
    private readonly Uri endpoint;
    private readonly string model;
    private readonly string apiKey;
    private readonly TimeSpan networkTimeout;
    private readonly int? thinkingBudget;
    private readonly ChatClientMetadata metadata;
    private readonly GeminiErrorTranslator errors;

    /// <param name="endpoint">The API's base, e.g. https://generativelanguage.googleapis.com/v1beta.</param>
    /// <param name="networkTimeout">Longest wait for the response to start, and between two pieces of it.</param>
    /// <param name="thinkingBudget">Thinking tokens per answer (0 switches thinking off where the model allows); null leaves the model's default.</param>
    public GeminiChatClient(Uri endpoint, string model, string apiKey, TimeSpan networkTimeout, int? thinkingBudget = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        this.endpoint = endpoint;
        this.model = model;
        this.apiKey = apiKey;
        this.networkTimeout = networkTimeout;
        this.thinkingBudget = thinkingBudget;
        // Our own timeout runs per read (see SendAsync); HttpClient's would end a long, healthy stream.
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
        metadata = new ChatClientMetadata("gemini", endpoint, model);
        errors = new GeminiErrorTranslator(endpoint, apiKey, networkTimeout, time ?? TimeProvider.System);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var modelId = ModelFor(options);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var response = await SendAsync("generateContent", modelId, messages, options, idle, cancellationToken);
        var translator = new GeminiResponseTranslator(modelId);
        var updates = new List<ChatResponseUpdate>();
        if (translator.Translate(await ReadBodyAsync(response, idle, cancellationToken)) is { } update) updates.Add(update);
        updates.AddRange(translator.Complete());
        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var modelId = ModelFor(options);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var response = await SendAsync("streamGenerateContent?alt=sse", modelId, messages, options, idle, cancellationToken);
        // Gemini sends one GenerateContentResponse per event and no end marker: the stream simply ends.
        // An event cut off before its closing blank line is dropped (the SSE rules), and the missing
        // finish reason then reports the cut. The parser reads under the idle token, re-armed per event.
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var events = SseParser.Create(stream).EnumerateAsync(idle.Token).GetAsyncEnumerator(idle.Token);
        var translator = new GeminiResponseTranslator(modelId);

        while (await NextEventAsync(events, idle, cancellationToken))
        {
            var chunk = Parse(events.Current.Data);
            // Google reports a failure that happens after the 200 as an error object in the stream.
            if (chunk.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                throw errors.FromStreamedError(error);
            if (translator.Translate(chunk) is { } update) yield return update;
        }

        foreach (var update in translator.Complete())
            yield return update;
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string modelId, IEnumerable<ChatMessage> messages,
        ChatOptions? options, CancellationTokenSource idle, CancellationToken cancellationToken)
    {
        var body = GeminiRequestBuilder.Build(messages, options, thinkingBudget).ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(modelId, method))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-goog-api-key", apiKey);
        var response = await GuardAsync(token => http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token),
            idle, answering: false, cancellationToken);
        if (response.IsSuccessStatusCode) return response;

        using (response)
        {
            var text = await ReadTextAsync(response, idle, cancellationToken);
            throw errors.FromStatus((int)response.StatusCode, response.Headers, text);
        }
    }

    private Task<string> ReadTextAsync(HttpResponseMessage response, CancellationTokenSource idle, CancellationToken cancellationToken) =>
        GuardAsync(response.Content.ReadAsStringAsync, idle, answering: true, cancellationToken);

    private async Task<JsonElement> ReadBodyAsync(HttpResponseMessage response, CancellationTokenSource idle, CancellationToken cancellationToken)
    {
        var root = Parse(await ReadTextAsync(response, idle, cancellationToken));
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            throw errors.FromStreamedError(error);
        return root;
    }

    // Reading is where a stream cut or a silent provider surfaces, and a yield cannot sit inside a
    // try with a catch, hence this wrapper.
    private Task<bool> NextEventAsync(IAsyncEnumerator<SseItem<string>> events, CancellationTokenSource idle, CancellationToken cancellationToken) =>
        GuardAsync(_ => events.MoveNextAsync().AsTask(), idle, answering: true, cancellationToken);

    /// <summary>
    /// Runs one network step under the idle timer, armed only while the step runs (the caller may take
    /// its time between reads), and turns its failures into <see cref="ProviderException"/>s.
    /// </summary>
    private async Task<T> GuardAsync<T>(Func<CancellationToken, Task<T>> step, CancellationTokenSource idle, bool answering,
        CancellationToken cancellationToken)
    {
        try
        {
            idle.CancelAfter(networkTimeout);
            return await step(idle.Token);
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            // The caller's own cancellation (Stop, the loop's deadlines) is no failure of Gemini's,
            // and the caller recognises it by its token.
            throw new OperationCanceledException(exception.Message, exception, cancellationToken);
        }
        catch (Exception exception) when (errors.FromException(exception, answering) is { } failure)
        {
            throw failure;
        }
        finally
        {
            idle.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    private static JsonElement Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw GeminiErrorTranslator.Malformed();
        }
        catch (JsonException exception)
        {
            throw GeminiErrorTranslator.Malformed(exception);
        }
    }

    private Uri Url(string modelId, string method)
    {
        // "models/gemini-2.5-flash", as Google's own listings name models, means the same model.
        var name = modelId.StartsWith("models/", StringComparison.Ordinal) ? modelId["models/".Length..] : modelId;
        return new Uri($"{endpoint.AbsoluteUri.TrimEnd('/')}/models/{Uri.EscapeDataString(name)}:{method}");
    }

    private string ModelFor(ChatOptions? options) => string.IsNullOrWhiteSpace(options?.ModelId) ? model : options.ModelId;

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose() => http.Dispose();
}
