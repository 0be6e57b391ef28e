using Microsoft.Extensions.Configuration;
using TaskChat.Core;
using TaskChat.Core.Assistant.Runs;
using TaskChat.Core.Chat;
using TaskChat.Core.Data;
using TaskChat.Core.Sync;
using TaskChat.Core.Tasks;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// The assistant as the app runs it (runner, loop, tools, stores, broadcaster) over a real SQLite
/// file, with the provider chosen by configuration: offline, or the scripted server.
/// </summary>
public sealed class AssistantHarness : IAsyncDisposable
{
    private readonly List<UserEvent> received = [];
    private IDisposable? subscription;

    private AssistantHarness(TestDatabase db) => Db = db;

    public TestDatabase Db { get; }
    public string User { get; private set; } = "";
    public ChatRunner Runner => Db.Get<ChatRunner>();
    public ThreadService Threads => Db.Get<ThreadService>();
    public MessageStore Store => Db.Get<MessageStore>();

    public IReadOnlyList<UserEvent> Events { get { lock (received) return received.ToArray(); } }

    public static Task<AssistantHarness> OfflineAsync(params (string Key, string Value)[] settings) =>
        OfflineAsync(DatabaseProvider.Sqlite, settings);

    /// <summary>The offline assistant over a database of <paramref name="provider"/>.</summary>
    public static Task<AssistantHarness> OfflineAsync(DatabaseProvider provider, params (string Key, string Value)[] settings) =>
        CreateAsync([("Assistant:Provider", "Offline"), ("Assistant:OfflineChunkDelayMs", "0"), .. settings], provider);

    public static Task<AssistantHarness> ScriptedAsync(ScriptedOpenAIServer server, params (string Key, string Value)[] settings) =>
        CreateAsync([("Assistant:Provider", "OpenAICompatible"), ("Assistant:Endpoint", server.Endpoint.ToString()),
            ("Assistant:Model", "scripted-model"), ("Assistant:ApiKey", "sk-test-secret"), .. settings]);

    /// <summary>The native Gemini provider, pointed at the scripted Gemini server.</summary>
    public static Task<AssistantHarness> GeminiAsync(ScriptedGeminiServer server, params (string Key, string Value)[] settings) =>
        CreateAsync([("Assistant:Provider", "Gemini"), ("Assistant:Endpoint", server.Endpoint.ToString()),
            ("Assistant:ApiKey", GeminiApiKey), .. settings]);

    public const string GeminiApiKey = "AIza-test-gemini-secret";

    private static async Task<AssistantHarness> CreateAsync((string Key, string Value)[] settings, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var db = await TestDatabase.CreateAsync(DateTimeOffset.UtcNow, configure: services => services.AddTaskChatAssistant(configuration), provider: provider);
        var harness = new AssistantHarness(db) { User = await db.AddUserAsync("ada@example.com", "Europe/London") };
        harness.subscription = db.Get<IUserBroadcaster>().Subscribe(harness.User, e =>
        {
            lock (harness.received) harness.received.Add(e);
            return Task.CompletedTask;
        });
        return harness;
    }

    /// <summary>Sends in a new thread and waits for the answer to end.</summary>
    public async Task<(int ThreadId, ChatMessageView Answer)> AskAsync(string text, int? threadId = null)
    {
        var thread = threadId ?? (await Threads.CreateAsync(User)).Id;
        var run = await Runner.SendAsync(User, thread, text);
        await CompleteAsync(run.Completion);
        return (thread, await LastAnswerAsync(thread));
    }

    /// <summary>
    /// Waits for an answer to end, moving the fake clock on whenever it goes quiet: a retry's back-off
    /// (1 s, then 2 s) waits on that clock and would otherwise never end. An answer that ends at once,
    /// as most do, sees the clock stand still.
    /// </summary>
    private async Task CompleteAsync(Task completion)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await Task.WhenAny(completion, Task.Delay(QuietPeriod)) != completion)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The answer did not end within 20 s.");
            Db.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        await completion;
    }

    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(100);

    public async Task<ChatMessageView> LastAnswerAsync(int threadId) =>
        (await Threads.GetMessagesAsync(User, threadId)).Messages.Last(m => m.Role == ChatRole.Assistant);

    /// <summary>
    /// Adds these tasks, sends <paramref name="text"/> in a new chat and waits until a tool call of
    /// the answer asks for the user's Confirm: where every approval test starts.
    /// </summary>
    public async Task<PendingApproval> SendUntilApprovalAsync(string text, params string[] tasks)
    {
        foreach (var title in tasks) await Db.Tasks.CreateAsync(User, new TaskDraft(title));
        var thread = await Threads.CreateAsync(User);
        var run = await Runner.SendAsync(User, thread.Id, text);
        var waiting = await WaitForEventAsync<RunToolCall>(e => e.Call.Status == ToolCallStatus.AwaitingApproval);
        return new(thread.Id, run, waiting.Call);
    }

    /// <summary>Waits until an event matching <paramref name="match"/> has been delivered.</summary>
    public async Task<T> WaitForEventAsync<T>(Func<T, bool>? match = null) where T : UserEvent
    {
        for (var waited = 0; waited < 10_000; waited += 20)
        {
            if (Events.OfType<T>().FirstOrDefault(e => match?.Invoke(e) ?? true) is { } found) return found;
            await Task.Delay(20);
        }
        throw new TimeoutException($"No {typeof(T).Name} event arrived.");
    }

    public async ValueTask DisposeAsync()
    {
        subscription?.Dispose();
        await Db.DisposeAsync();
    }

    /// <summary>The OpenAI-compatible provider at any address, e.g. one that cannot be reached.</summary>
    public static Task<AssistantHarness> RemoteAsync(string endpoint, params (string Key, string Value)[] settings) =>
        CreateAsync([("Assistant:Provider", "OpenAICompatible"), ("Assistant:Endpoint", endpoint),
            ("Assistant:Model", "scripted-model"), ("Assistant:ApiKey", "sk-test-secret"), .. settings]);
}

/// <summary>An answer stopped at its approval card: the chat, the run and the call that waits.</summary>
public sealed record PendingApproval(int ThreadId, ChatRun Run, ToolCallView Call);
