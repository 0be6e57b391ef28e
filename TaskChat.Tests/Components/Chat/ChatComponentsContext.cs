using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using TaskChat.Core.Sync;
using TaskChat.Tests.Infrastructure;
using TaskChat.Web.Components.Chat;

namespace TaskChat.Tests.Components.Chat;

/// <summary>
/// A bunit context over the chat's real services: the offline assistant, a real SQLite file, and
/// a <see cref="ChatState"/> for one user that receives that user's events as the dashboard wires
/// them (on the renderer's thread). One per test: <c>await using var chat = await ChatComponentsContext.CreateAsync();</c>
/// </summary>
public sealed class ChatComponentsContext : IAsyncDisposable
{
    private IDisposable? subscription;

    private ChatComponentsContext(AssistantHarness assistant)
    {
        Assistant = assistant;
        Chat = new ChatState(assistant.Threads, assistant.Runner);
        Bunit.Services.AddMudServices();
        Bunit.Services.AddSingleton(TimeProvider.System);
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public BunitContext Bunit { get; } = new();
    public AssistantHarness Assistant { get; }
    public ChatState Chat { get; }
    public string User => Assistant.User;

    public static async Task<ChatComponentsContext> CreateAsync(params (string Key, string Value)[] settings)
    {
        var context = new ChatComponentsContext(await AssistantHarness.OfflineAsync(settings));
        context.subscription = context.Assistant.Db.Get<IUserBroadcaster>().Subscribe(context.User,
            e => context.Bunit.Renderer.Dispatcher.InvokeAsync(() => context.Chat.HandleAsync(e)));
        await context.Chat.InitializeAsync(context.User);
        return context;
    }

    /// <summary>Asks in a new thread, waits for the answer to end, and opens that thread.</summary>
    public async Task<int> AskAsync(string text)
    {
        var (threadId, _) = await Assistant.AskAsync(text);
        await Bunit.Renderer.Dispatcher.InvokeAsync(() => Chat.SelectThreadAsync(threadId));
        return threadId;
    }

    /// <summary>Waits for a change a component that is not subscribed to the state would not re-render
    /// for (bunit's WaitForAssertion checks again only on renders).</summary>
    public async Task EventuallyAsync(Func<bool> condition, string what)
    {
        for (var waited = 0; !await Bunit.Renderer.Dispatcher.InvokeAsync(condition); waited += 20)
        {
            if (waited > 10_000) throw new TimeoutException($"Still waiting for {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Renders <typeparamref name="T"/> with this context's <see cref="ChatState"/> as its Chat parameter.</summary>
    public IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null) where T : IComponent =>
        Bunit.Render<T>((ComponentParameterCollectionBuilder<T> p) =>
        {
            p.TryAdd("Chat", Chat);
            parameters?.Invoke(p);
        });

    public async ValueTask DisposeAsync()
    {
        subscription?.Dispose();
        Chat.Stop(); // an answer left waiting for a confirmation would otherwise outlive the test
        await Bunit.DisposeAsync();
        await Assistant.DisposeAsync();
    }
}
