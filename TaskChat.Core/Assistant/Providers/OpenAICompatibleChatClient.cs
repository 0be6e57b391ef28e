using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace TaskChat.Core.Assistant.Providers;

/// <summary>
/// <see cref="IChatClient"/> over the OpenAI SDK, for any server speaking the OpenAI chat-completions
/// protocol (OpenAI, Gemini's compatibility endpoint, Ollama, vLLM, LM Studio). Streams text as it
/// arrives, emits each tool call as soon as it is complete, and turns every failure into a
/// <see cref="ProviderException"/>.
/// </summary>
public sealed class OpenAICompatibleChatClient : IChatClient
{
    // Local servers need no key, but the SDK refuses an empty credential; they ignore the header.
    private const string NoKeyPlaceholder = "no-key";

    private readonly OpenAIClient client;
    private readonly string model;
    private readonly ChatClient defaultChat;
    private readonly ChatClientMetadata metadata;
    private readonly OpenAIErrorTranslator errors;

    public OpenAICompatibleChatClient(Uri endpoint, string model, string? apiKey, TimeSpan networkTimeout, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            NetworkTimeout = networkTimeout,
            // The SDK's default pipeline retries 429 and 5xx itself, waiting as long as the provider
            // asks; the function-calling loop decides retries, and only before any token is shown.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        this.model = model;
        client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? NoKeyPlaceholder : apiKey), options);
        defaultChat = client.GetChatClient(model);
        metadata = new ChatClientMetadata("openai-compatible", endpoint, model);
        errors = new OpenAIErrorTranslator(endpoint, apiKey, networkTimeout, time ?? TimeProvider.System);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var modelId = string.IsNullOrWhiteSpace(options?.ModelId) ? model : options.ModelId;
        var chat = modelId == model ? defaultChat : client.GetChatClient(modelId);
        var translator = new OpenAIUpdateTranslator(modelId);
        var stream = chat.CompleteChatStreamingAsync(OpenAIMessageMapper.ToOpenAI(messages),
            OpenAIOptionsMapper.ToOpenAI(options), cancellationToken);

        await using var updates = stream.GetAsyncEnumerator(cancellationToken);
        while (await MoveNextAsync(updates, cancellationToken))
        {
            if (errors.StreamedError(updates.Current) is { } failure) throw failure;
            foreach (var update in translator.Translate(updates.Current))
                yield return update;
        }

        foreach (var update in translator.Complete())
            yield return update;
    }

    // The SDK sends the request and reads every chunk inside MoveNextAsync; this is the one place its
    // exceptions surface (a yield cannot sit inside a try with a catch).
    private async ValueTask<bool> MoveNextAsync(IAsyncEnumerator<StreamingChatCompletionUpdate> updates, CancellationToken cancellationToken)
    {
        try
        {
            return await updates.MoveNextAsync();
        }
        catch (Exception exception) when (errors.Translate(exception, cancellationToken) is { } providerException)
        {
            throw providerException;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    // The SDK shares one HttpClient across clients; there is nothing of ours to release.
    public void Dispose() { }
}
