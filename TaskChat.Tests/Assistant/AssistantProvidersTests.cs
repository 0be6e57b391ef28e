using TaskChat.Core.Assistant;
using TaskChat.Core.Assistant.Offline;
using TaskChat.Core.Assistant.Providers;
using TaskChat.Core.Assistant.Providers.Gemini;
using Microsoft.Extensions.AI;

namespace TaskChat.Tests.Assistant;

/// <summary>Which chat client configuration picks, and how it is named to the user.</summary>
public sealed class AssistantProvidersTests
{
    [Fact]
    public void A_gemini_key_alone_picks_the_native_gemini_client_on_googles_endpoint()
    {
        var provider = AssistantProviders.Create(new AssistantOptions(), geminiApiKey: "AIza-key", TimeProvider.System);

        Assert.IsType<GeminiChatClient>(provider.Client);
        Assert.Equal(("gemini", "Gemini · gemini-2.5-flash", "gemini-2.5-flash"), (provider.Name, provider.DisplayName, provider.Model));
        Assert.Equal(new Uri("https://generativelanguage.googleapis.com/v1beta"), provider.Client.GetService<ChatClientMetadata>()!.ProviderUri);
    }

    [Fact]
    public void Provider_gemini_takes_the_configured_key_model_and_endpoint()
    {
        var provider = AssistantProviders.Create(new AssistantOptions
        {
            Provider = "gemini",
            ApiKey = "AIza-config",
            Model = "gemini-2.5-pro",
            Endpoint = "https://proxy.example/v1beta",
            ThinkingBudget = 0,
        }, geminiApiKey: null, TimeProvider.System);

        Assert.IsType<GeminiChatClient>(provider.Client);
        Assert.Equal("Gemini · gemini-2.5-pro", provider.DisplayName);
        Assert.Equal(new Uri("https://proxy.example/v1beta"), provider.Client.GetService<ChatClientMetadata>()!.ProviderUri);
    }

    [Fact]
    public void Gemini_without_a_key_stops_the_app_naming_both_settings()
    {
        var failure = Assert.Throws<InvalidOperationException>(() =>
            AssistantProviders.Create(new AssistantOptions { Provider = "Gemini" }, geminiApiKey: null, TimeProvider.System));

        Assert.Contains("GEMINI_API_KEY or Assistant:ApiKey", failure.Message);
    }

    [Fact]
    public void Geminis_openai_compatible_endpoint_stays_available_as_a_fallback()
    {
        var provider = AssistantProviders.Create(new AssistantOptions
        {
            Provider = "OpenAICompatible",
            Endpoint = "https://generativelanguage.googleapis.com/v1beta/openai/",
            Model = "gemini-2.5-flash",
            ApiKey = "AIza-key",
        }, geminiApiKey: null, TimeProvider.System);

        Assert.IsType<OpenAICompatibleChatClient>(provider.Client);
        Assert.Equal("gemini-2.5-flash · generativelanguage.googleapis.com", provider.DisplayName);
    }

    [Fact]
    public void No_key_and_no_provider_is_the_offline_assistant()
    {
        var provider = AssistantProviders.Create(new AssistantOptions(), geminiApiKey: null, TimeProvider.System);

        Assert.IsType<OfflineChatClient>(provider.Client);
    }
}
