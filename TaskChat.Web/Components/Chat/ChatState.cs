using TaskChat.Core.Assistant.Runs;
using TaskChat.Core.Chat;
using TaskChat.Core.Data;
using TaskChat.Core.Sync;

namespace TaskChat.Web.Components.Chat;

/// <summary>
/// The chat panel's state for one circuit: the thread list, the open thread's messages, the answer
/// streaming into it, and what the user is typing. Plain C#, tested without rendering. Structural
/// changes raise <see cref="Changed"/>; streamed text raises only <see cref="StreamChanged"/>, so the
/// streaming bubble re-renders and nothing else does.
/// </summary>
public sealed class ChatState(ThreadService threads, ChatRunner runner)
{
    public const int PageSize = 30;

    private string userId = "";

    public IReadOnlyList<ThreadSummary> Threads { get; private set; } = [];
    public int? ActiveThreadId { get; private set; }
    public IReadOnlyList<ChatMessageView> Messages { get; private set; } = [];
    public bool HasEarlier { get; private set; }
    public LiveAnswer? Live { get; private set; }

    /// <summary>What the user has typed and not sent; kept here so re-renders never lose it.</summary>
    public string Draft { get; set; } = "";

    /// <summary>Why the last send, rename or delete was refused, in words for the user.</summary>
    public string? Error { get; private set; }

    /// <summary>Something that happened elsewhere that the user should know ("deleted in another tab").</summary>
    public string? Notice { get; private set; }

    /// <summary>Whose chat this is; the browser keys the saved draft by it.</summary>
    public string UserId => userId;

    public string AssistantName => runner.Provider.DisplayName;
    public int MaxLength => runner.MessageMaxLength;
    public bool IsAnswering => Live is not null;

    public event Action? Changed;
    public event Action? StreamChanged;

    /// <summary>Loads the user's threads and opens <paramref name="preferredThread"/> (from the page's
    /// address, so a reload lands where the user was) when it is theirs, else the newest.</summary>
    public async Task InitializeAsync(string user, int? preferredThread = null)
    {
        userId = user;
        await ReloadThreadsAsync();
        var open = Threads.FirstOrDefault(t => t.Id == preferredThread) ?? Threads.FirstOrDefault();
        if (open is not null) await SelectThreadAsync(open.Id);
        else Changed?.Invoke();
    }

    public async Task SelectThreadAsync(int threadId)
    {
        ActiveThreadId = threadId;
        Error = null;
        await ReloadMessagesAsync();
    }

    public async Task NewThreadAsync()
    {
        var thread = await Guard(() => threads.CreateAsync(userId));
        if (thread is null) return;
        await ReloadThreadsAsync();
        await SelectThreadAsync(thread.Id);
    }

    public async Task<bool> RenameAsync(int threadId, string title)
    {
        if (await Guard(() => threads.RenameAsync(userId, threadId, title)) is null) return false;
        await ReloadThreadsAsync();
        Changed?.Invoke();
        return true;
    }

    public async Task DeleteThreadAsync(int threadId)
    {
        runner.Stop(userId, threadId); // its answer has nowhere left to go
        if (await Guard(async () => { await threads.DeleteAsync(userId, threadId); return this; }) is null) return;
        await ReloadThreadsAsync();
        if (ActiveThreadId == threadId) await SelectFallbackAsync();
        Changed?.Invoke();
    }

    public async Task LoadEarlierAsync()
    {
        if (ActiveThreadId is not { } threadId || !HasEarlier || Messages.Count == 0) return;
        var page = await threads.GetMessagesAsync(userId, threadId, Messages[0].Id, PageSize);
        Messages = [.. page.Messages, .. Messages];
        HasEarlier = page.HasEarlier;
        Changed?.Invoke();
    }

    public async Task SendAsync()
    {
        var text = Draft;
        if (ActiveThreadId is null)
        {
            // Checked before a thread is made for it: a refused first message must leave no empty thread behind.
            if (await Guard(() => Task.FromResult(MessageRules.Text(text, MaxLength))) is null) return;
            await NewThreadAsync();
            if (ActiveThreadId is null) return;
        }
        if (await Guard(() => runner.SendAsync(userId, ActiveThreadId!.Value, text)) is not { } run) return;
        Draft = "";
        await ShowStartedAsync(run.ThreadId);
    }

    /// <summary>Regenerate the last answer, or retry one that failed or was interrupted.</summary>
    public Task RetryAsync() => StartAgainAsync(null);

    /// <summary>Replace the last message with <paramref name="text"/> and answer it again.</summary>
    public Task EditLastAsync(string text) => StartAgainAsync(text);

    public void Stop()
    {
        if (ActiveThreadId is { } threadId) runner.Stop(userId, threadId);
    }

    public void Decide(long toolCallId, bool approved)
    {
        if (ActiveThreadId is { } threadId && !runner.Decide(userId, threadId, toolCallId, approved))
            Notice = "That question was already answered, or the answer has ended.";
        Changed?.Invoke();
    }

    /// <summary>Puts an example request in the input, for the user to send or change.</summary>
    public void UseExample(string text)
    {
        Draft = text;
        Changed?.Invoke();
    }

    public void DismissNotice()
    {
        Notice = null;
        Error = null;
        Changed?.Invoke();
    }

    /// <summary>Applies an event from any tab or device of this user.</summary>
    public async Task HandleAsync(UserEvent userEvent)
    {
        if (userId.Length == 0) return; // not loaded yet: loading will see the change anyway
        switch (userEvent)
        {
            case ThreadChanged { Kind: ChangeKind.Deleted } deleted when deleted.ThreadId == ActiveThreadId:
                await ReloadThreadsAsync();
                Notice = "This chat was deleted in another tab.";
                await SelectFallbackAsync();
                break;
            case ThreadChanged:
                await ReloadThreadsAsync();
                Changed?.Invoke();
                break;
            case RunStarted started when started.ThreadId == ActiveThreadId && Live?.MessageId != started.MessageId:
                await ReloadMessagesAsync();
                break;
            case RunChunk chunk when chunk.MessageId == Live?.MessageId:
                if (!Live.TryAppend(chunk.Delta, chunk.Length)) CatchUp(chunk.ThreadId);
                StreamChanged?.Invoke();
                break;
            case RunToolCall call when call.MessageId == Live?.MessageId:
                Live.SetToolCall(call.Call);
                StreamChanged?.Invoke();
                break;
            case RunSnapshotted snapshot when snapshot.MessageId == Live?.MessageId:
                Live.Reset(new RunSnapshot(snapshot.MessageId, snapshot.Text, snapshot.ToolCalls));
                StreamChanged?.Invoke();
                break;
            case RunFinished finished when finished.ThreadId == ActiveThreadId:
                await ReloadMessagesAsync();
                break;
            case TaskChat.Core.Sync.Resync:
                await ReloadThreadsAsync();
                await ReloadMessagesAsync();
                break;
        }
    }

    private async Task StartAgainAsync(string? editedText)
    {
        if (ActiveThreadId is not { } threadId) return;
        if (await Guard(() => runner.RetryAsync(userId, threadId, editedText)) is null) return;
        await ShowStartedAsync(threadId);
    }

    private async Task ShowStartedAsync(int threadId)
    {
        Error = null;
        await ReloadThreadsAsync();
        if (threadId == ActiveThreadId) await ReloadMessagesAsync();
    }

    private async Task ReloadThreadsAsync() => Threads = await threads.ListAsync(userId);

    private async Task ReloadMessagesAsync()
    {
        if (ActiveThreadId is not { } threadId)
        {
            (Messages, HasEarlier, Live) = ([], false, null);
            Changed?.Invoke();
            return;
        }
        try
        {
            // Same thread: keep what is shown and add what is new. Otherwise: its latest page.
            var shown = Messages.Count > 0 && Messages[0].ThreadId == threadId ? Messages[0].Id : (long?)null;
            var page = shown is { } from ? await threads.GetMessagesFromAsync(userId, threadId, from) : await threads.GetMessagesAsync(userId, threadId, take: PageSize);
            if (shown is not null && page.Messages.Count == 0) page = await threads.GetMessagesAsync(userId, threadId, take: PageSize);
            (Messages, HasEarlier) = (page.Messages, page.HasEarlier);
            // The database lags a live answer by up to a few seconds: show the run's own text. An
            // answer run by another instance starts from the database and asks that instance for the rest.
            Live = runner.Current(userId, threadId)?.Snapshot() is { } snapshot ? new LiveAnswer(snapshot)
                : Messages.LastOrDefault() is { Status: MessageStatus.Streaming } streaming ? FromAnotherInstance(streaming, threadId)
                : null;
        }
        catch (ChatNotFoundException)
        {
            await SelectFallbackAsync();
            return;
        }
        Changed?.Invoke();
    }

    private LiveAnswer FromAnotherInstance(ChatMessageView streaming, int threadId)
    {
        runner.RequestSnapshot(userId, threadId);
        return new LiveAnswer(new RunSnapshot(streaming.Id, streaming.Text, streaming.ToolCalls));
    }

    /// <summary>Chunks were missed: take the run's own text instead.</summary>
    private void CatchUp(int threadId)
    {
        if (runner.Current(userId, threadId)?.Snapshot() is { } snapshot && snapshot.MessageId == Live?.MessageId) Live.Reset(snapshot);
        else runner.RequestSnapshot(userId, threadId);
    }

    private async Task SelectFallbackAsync()
    {
        ActiveThreadId = Threads.Count > 0 ? Threads[0].Id : null;
        Messages = [];
        await ReloadMessagesAsync();
    }

    // Refusals (limits, validation, a thread deleted elsewhere, a busy database) are shown, not thrown.
    private async Task<T?> Guard<T>(Func<Task<T>> action) where T : class
    {
        try
        {
            var result = await action();
            Error = null;
            return result;
        }
        catch (Exception e) when (e is ChatValidationException or ChatNotFoundException or SendLimitException or StoreBusyException)
        {
            Error = e.Message;
            Changed?.Invoke();
            return null;
        }
    }
}
