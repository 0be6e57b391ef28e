using TaskChat.Core.Data;
using TaskChat.Core.Tasks;

namespace TaskChat.Web.Components.Tasks;

/// <summary>
/// The dashboard's state for one circuit: what is shown, what is being edited, what can be undone.
/// Plain C# over <see cref="TaskService"/>, so it is tested without rendering; components call its
/// methods and re-render on <see cref="Changed"/>. One per circuit: disposing it (the circuit
/// ended) cancels whatever it is still doing.
/// </summary>
public sealed class TaskBoard(TaskService tasks, TimeProvider clock) : IDisposable
{
    public const int PageSize = 50;

    private readonly CancellationTokenSource lifetime = new();
    private CancellationTokenSource? reloading;
    private string userId = "";

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public TaskFilters Filters { get; private set; } = new();
    public int PageIndex { get; private set; }
    public TaskPage Page { get; private set; } = new([], 0);
    public TaskCounts Counts { get; private set; } = new(0, 0, 0, 0, 0, 0, 0);
    public IReadOnlyList<string> Tags { get; private set; } = [];
    public bool IsLoaded { get; private set; }

    /// <summary>The task open in the inline editor, if any.</summary>
    public int? EditingId { get; private set; }

    /// <summary>The last deleted task, while its Undo is offered.</summary>
    public TaskItem? LastDeleted { get; private set; }

    /// <summary>
    /// The last completed occurrence of a recurring task, while its Undo is offered: undoing it must
    /// remove the completed copy and move the task back, which unticking the box cannot do.
    /// </summary>
    public TaskCompletion? LastCompletion { get; private set; }

    /// <summary>A problem to show the user (a rejected title, a task deleted elsewhere).</summary>
    public string? Notice { get; private set; }

    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public event Action? Changed;

    public Task LoadAsync(string user, TimeZoneInfo zone)
    {
        userId = user;
        Zone = zone;
        return ReloadAsync();
    }

    public Task SetZoneAsync(TimeZoneInfo zone)
    {
        if (zone.Id == Zone.Id) return Task.CompletedTask;
        Zone = zone;
        return IsLoaded ? ReloadAsync() : Task.CompletedTask;
    }

    public Task SetFiltersAsync(TaskFilters filters)
    {
        Filters = filters;
        PageIndex = 0;
        return ReloadAsync();
    }

    public Task ShowPageAsync(int pageIndex)
    {
        PageIndex = Math.Max(0, pageIndex);
        return ReloadAsync();
    }

    /// <summary>Adds a task from the quick-add box; false (with <see cref="Notice"/>) if the title is rejected.</summary>
    public Task<bool> AddAsync(string title) => AddAsync(new TaskDraft(title));

    /// <summary>Adds a task with what the quick-add grammar recognised (due, repeat rule, priority, tags); false (with <see cref="Notice"/>) if refused.</summary>
    public async Task<bool> AddAsync(TaskDraft draft)
    {
        try
        {
            await tasks.CreateAsync(userId, draft, lifetime.Token);
            Notice = null;
        }
        catch (Exception e) when (e is TaskValidationException or StoreBusyException)
        {
            Notice = e.Message;
            Changed?.Invoke();
            return false;
        }
        await ReloadAsync();
        return true;
    }

    public async Task SetCompletedAsync(int taskId, bool completed)
    {
        if (!completed)
        {
            await ChangeAsync(() => tasks.SetCompletedAsync(userId, taskId, false, lifetime.Token));
            return;
        }
        TaskCompletion? done = null;
        if (!await ChangeAsync(async () => done = await tasks.CompleteAsync(userId, taskId, lifetime.Token)) || done is not { ScheduledNext: true }) return;
        // One Undo on offer at a time: the newest action's.
        (LastCompletion, LastDeleted) = (done, null);
        Changed?.Invoke();
    }

    /// <summary>Puts the completed occurrence back: the copy goes, the task returns to that due. If that fails, Undo stays on offer.</summary>
    public async Task UndoCompletionAsync()
    {
        if (LastCompletion is not { } done) return;
        if (await ChangeAsync(() => tasks.UndoCompletionAsync(userId, done, lifetime.Token))) LastCompletion = null;
        Changed?.Invoke();
    }

    /// <summary>The Undo offer ran out; the completion stands.</summary>
    public void ForgetCompletion(TaskCompletion done)
    {
        if (LastCompletion != done) return;
        LastCompletion = null;
        Changed?.Invoke();
    }

    public void BeginEdit(int taskId)
    {
        EditingId = taskId;
        Changed?.Invoke();
    }

    public void CancelEdit()
    {
        EditingId = null;
        Changed?.Invoke();
    }

    /// <summary>
    /// Saves the editor; returns the field errors to show, empty when saved. The editor stays open
    /// (with what was typed) unless the save went through or the task is gone.
    /// </summary>
    public async Task<IReadOnlyList<TaskValidationError>> SaveEditAsync(int taskId, TaskEdit edit)
    {
        try
        {
            if (await ChangeAsync(() => tasks.UpdateAsync(userId, taskId, edit.ToPatch(Zone), lifetime.Token))) EditingId = null;
        }
        catch (TaskValidationException e)
        {
            return e.Errors;
        }
        Changed?.Invoke();
        return [];
    }

    public async Task DeleteAsync(int taskId)
    {
        TaskItem? deleted = null;
        if (!await ChangeAsync(async () => deleted = await tasks.DeleteAsync(userId, taskId, lifetime.Token))) return;
        (LastDeleted, LastCompletion) = (deleted, null);
        if (EditingId == taskId) EditingId = null;
        Changed?.Invoke();
    }

    /// <summary>Puts the last deleted task back; if that fails, Undo stays on offer.</summary>
    public async Task UndoDeleteAsync()
    {
        if (LastDeleted is not { } deleted) return;
        if (await ChangeAsync(() => tasks.RestoreAsync(userId, deleted, lifetime.Token))) LastDeleted = null;
        Changed?.Invoke();
    }

    /// <summary>The Undo offer ran out; the delete stands.</summary>
    public void ForgetDeleted(TaskItem task)
    {
        if (LastDeleted != task) return;
        LastDeleted = null;
        Changed?.Invoke();
    }

    /// <summary>A change made elsewhere (another tab, the assistant): show the list as it now is.</summary>
    public Task HandleExternalChangeAsync(TaskChat.Core.Sync.UserEvent change)
    {
        if (!IsLoaded) return Task.CompletedTask; // loading now: it will see the change anyway
        if (change is TaskChat.Core.Sync.TasksChanged { Kind: TaskChat.Core.Sync.ChangeKind.Deleted } deleted
            && EditingId is { } editing && (deleted.TaskId == editing || deleted.TaskId is null))
        {
            EditingId = null;
            Notice = "The task you were editing was deleted elsewhere.";
        }
        return ReloadAsync();
    }

    public void DismissNotice()
    {
        Notice = null;
        Changed?.Invoke();
    }

    /// <summary>
    /// Shows the list as it now is. A newer reload (another filter, another keystroke) cancels an
    /// older one still running, so a slow early query can never overwrite a later answer.
    /// </summary>
    public async Task ReloadAsync()
    {
        var previous = reloading;
        using var current = reloading = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
        try { previous?.Cancel(); } catch (ObjectDisposedException) { } // it finished meanwhile
        try
        {
            await LoadPageAsync(current.Token);
        }
        catch (OperationCanceledException) when (current.IsCancellationRequested)
        {
            return; // superseded, or the circuit ended
        }
        finally
        {
            if (reloading == current) reloading = null;
        }
        IsLoaded = true;
        Changed?.Invoke();
    }

    private async Task LoadPageAsync(CancellationToken ct)
    {
        var query = new TaskQuery
        {
            Status = Filters.Status,
            Priority = Filters.Priority,
            Tag = Filters.Tag,
            Text = Filters.Text,
            Sort = Filters.Sort,
            Skip = PageIndex * PageSize,
            Take = PageSize,
        }.Apply(Filters.Due, NowUtc, Zone);

        var page = await tasks.QueryAsync(userId, query, ct);
        // A delete can leave the last page empty: step back rather than show nothing.
        if (page.Items.Count == 0 && PageIndex > 0)
        {
            PageIndex = Math.Max(0, (page.TotalCount - 1) / PageSize);
            page = await tasks.QueryAsync(userId, query with { Skip = PageIndex * PageSize }, ct);
        }
        ct.ThrowIfCancellationRequested();
        Page = page;
        var counts = await tasks.CountAsync(userId, Zone, ct);
        var tags = await tasks.GetTagsAsync(userId, ct);
        ct.ThrowIfCancellationRequested();
        (Counts, Tags) = (counts, tags);
    }

    // A task deleted elsewhere (another tab) or a database busy with another writer is not an
    // error worth a crash: say so and show the list as it now is. True when the change was made.
    private async Task<bool> ChangeAsync(Func<Task> change)
    {
        var done = false;
        try
        {
            await change();
            Notice = null;
            done = true;
        }
        catch (TaskNotFoundException)
        {
            Notice = "That task no longer exists; it may have been deleted in another tab.";
            EditingId = null;
        }
        catch (StoreBusyException e)
        {
            Notice = e.Message;
        }
        await ReloadAsync();
        return done;
    }

    public void Dispose()
    {
        lifetime.Cancel();
        lifetime.Dispose();
    }
}
