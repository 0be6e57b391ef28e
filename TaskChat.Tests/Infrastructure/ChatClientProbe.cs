using System.Text.Json;
using Microsoft.Extensions.AI;
using TaskChat.Core.Assistant.Providers;

namespace TaskChat.Tests.Infrastructure;

/// <summary>Reading what a chat client streams, for the provider tests.</summary>
public static class ChatClientProbe
{
    public static async Task<List<ChatResponseUpdate>> CollectAsync(IChatClient client, IEnumerable<ChatMessage>? messages = null, ChatOptions? options = null)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages ?? [new(ChatRole.User, "hi")], options))
            updates.Add(update);
        return updates;
    }

    public static Task<ProviderException> FailureAsync(IChatClient client) =>
        Assert.ThrowsAsync<ProviderException>(() => CollectAsync(client));

    public static List<FunctionCallContent> Calls(IEnumerable<ChatResponseUpdate> updates) =>
        updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();

    public static string? Argument(FunctionCallContent call, string name) => ((JsonElement)call.Arguments![name]!).GetString();
}
