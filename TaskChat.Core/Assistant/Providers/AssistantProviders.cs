using TaskChat.Core.Assistant.Offline;
using TaskChat.Core.Assistant.Providers.Gemini;

namespace TaskChat.Core.Assistant.Providers;

/// <summary>Chooses the chat client from configuration; a setting that cannot work stops the app at start-up.</summary>
public static class AssistantProviders
{
    public const string Offline = "Offline";
    public const string OpenAICompatible = "OpenAICompatible";
    public const string Gemini = "Gemini";
    /// <summary>Gemini's native REST API. Its OpenAI-compatible endpoint (…/v1beta/openai/) stays usable
    /// through <see cref="OpenAICompatible"/> as a fallback.</summary>
    public const string GeminiEndpoint = "https://generativelanguage.googleapis.com/v1beta";
    public const string GeminiModel = "gemini-2.5-flash";

    /// <param name="geminiApiKey">The GEMINI_API_KEY environment variable: alone, it is enough to use Gemini.</param>
    public static AssistantProvider Create(AssistantOptions options, string? geminiApiKey, TimeProvider clock)
    {
        var kind = string.IsNullOrWhiteSpace(options.Provider)
            ? !string.IsNullOrWhiteSpace(geminiApiKey) && string.IsNullOrWhiteSpace(options.Endpoint) ? Gemini
            : !string.IsNullOrWhiteSpace(options.Endpoint) ? OpenAICompatible
            : Offline
            : options.Provider.Trim();
        // The clients' own network timeout is a backstop only: the answer pipeline's first-token and answer
        // deadlines must fire first, because they say precisely what happened.
        var timeout = TimeSpan.FromSeconds(options.AnswerTimeoutSeconds + options.FirstTokenTimeoutSeconds + 30);

        if (kind.Equals(Offline, StringComparison.OrdinalIgnoreCase))
            return new AssistantProvider("offline", "Offline assistant", OfflineChatClient.ModelId,
                new OfflineChatClient(clock, TimeSpan.FromMilliseconds(options.OfflineChunkDelayMs)));

        if (kind.Equals(Gemini, StringComparison.OrdinalIgnoreCase))
        {
            var key = FirstSet(options.ApiKey, geminiApiKey)
                      ?? throw new InvalidOperationException("Assistant:Provider is Gemini but no key is set: set GEMINI_API_KEY or Assistant:ApiKey.");
            var model = FirstSet(options.Model) ?? GeminiModel;
            var endpoint = ParseEndpoint(FirstSet(options.Endpoint) ?? GeminiEndpoint);
            return new AssistantProvider("gemini", $"Gemini · {model}", model,
                new GeminiChatClient(endpoint, model, key, timeout, options.ThinkingBudget, clock));
        }

        if (kind.Equals(OpenAICompatible, StringComparison.OrdinalIgnoreCase))
        {
            var endpoint = ParseEndpoint(FirstSet(options.Endpoint)
                ?? throw new InvalidOperationException("Assistant:Provider is OpenAICompatible but Assistant:Endpoint is not set (for example http://localhost:11434/v1 for Ollama)."));
            var model = FirstSet(options.Model)
                        ?? throw new InvalidOperationException("Assistant:Provider is OpenAICompatible but Assistant:Model is not set.");
            return new AssistantProvider("openai-compatible", $"{model} · {endpoint.Host}", model,
                new OpenAICompatibleChatClient(endpoint, model, FirstSet(options.ApiKey), timeout, clock));
        }

        throw new InvalidOperationException($"Assistant:Provider \"{kind}\" is not one of {Offline}, {OpenAICompatible}, {Gemini}.");
    }

    private static Uri ParseEndpoint(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"Assistant:Endpoint \"{value}\" is not an http(s) URL.");

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
