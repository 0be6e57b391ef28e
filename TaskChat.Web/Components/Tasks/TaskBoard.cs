using TaskChat.Core.Data;
using TaskChat.Core.Tasks;

namespace TaskChat.Web.Components.Tasks;

/// <summary>
/// The dashboard's state for one circuit: what is shown, what is being edited, what can be undone.
/// Plain C# over <see cref="TaskService"/>, so it is tested without rendering; components call its
/// methods and re-render on <see cref="Changed"/>.
/// </summary>
public sealed class TaskBoard(TaskService tasks, TimeProvider clock)
{
    public const int PageSize = 50;

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

    /// <summary>A problem to show the user (a rejected title, a task deleted elsewhere).</summary>
    public string? Notice { get; private set; }

    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public event Action? Changed;

    public Task LoadAsync(string user, TimeZoneInfo zone, CancellationToken ct = default)
    {
        userId = user;
        Zone = zone;
        return ReloadAsync(ct);
    }

    public Task SetZoneAsync(TimeZoneInfo zone, CancellationToken ct = default)
    {
        if (zone.Id == Zone.Id) return Task.CompletedTask;
        Zone = zone;
        return ReloadAsync(ct);
    }

    public Task SetFiltersAsync(TaskFilters filters, CancellationToken ct = default)
    {
        Filters = filters;
        PageIndex = 0;
        return ReloadAsync(ct);
    }

    public Task ShowPageAsync(int pageIndex, CancellationToken ct = default)
    {
        PageIndex = Math.Max(0, pageIndex);
        return ReloadAsync(ct);
    }

    /// <summary>Adds a task from the quick-add box; false (with <see cref="Notice"/>) if the title is rejected.</summary>
    public async Task<bool> AddAsync(string title, CancellationToken ct = default)
    {
        try
        {
            await tasks.CreateAsync(userId, new TaskDraft(title), ct);
            Notice = null;
        }
        catch (Exception e) when (e is TaskValidationException or StoreBusyException)
        {
            Notice = e.Message;
            Changed?.Invoke();
            return false;
        }
        await ReloadAsync(ct);
        return true;
    }

    public Task SetCompletedAsync(int taskId, bool completed, CancellationToken ct = default) =>
        ChangeAsync(() => tasks.SetCompletedAsync(userId, taskId, completed, ct), ct);

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

    /// <summary>Saves the editor; returns the field errors to show, empty when saved.</summary>
    public async Task<IReadOnlyList<TaskValidationError>> SaveEditAsync(int taskId, TaskEdit edit, CancellationToken ct = default)
    {
        try
        {
            await ChangeAsync(() => tasks.UpdateAsync(userId, taskId, edit.ToPatch(Zone), ct), ct);
        }
        catch (TaskValidationException e)
        {
            return e.Errors;
        }
        EditingId = null;
        Changed?.Invoke();
        return [];
    }

    public async Task DeleteAsync(int taskId, CancellationToken ct = default)
    {
        TaskItem? deleted = null;
        await ChangeAsync(async () => deleted = await tasks.DeleteAsync(userId, taskId, ct), ct);
        if (deleted is null) return;
        LastDeleted = deleted;
        if (EditingId == taskId) EditingId = null;
        Changed?.Invoke();
    }

    public async Task UndoDeleteAsync(CancellationToken ct = default)
    {
        if (LastDeleted is not { } deleted) return;
        LastDeleted = null;
        await ChangeAsync(() => tasks.RestoreAsync(userId, deleted, ct), ct);
    }

    /// <summary>The Undo offer ran out; the delete stands.</summary>
    public void ForgetDeleted(TaskItem task)
    {
        if (LastDeleted != task) return;
        LastDeleted = null;
        Changed?.Invoke();
    }

    public void DismissNotice()
    {
        Notice = null;
        Changed?.Invoke();
    }

    public async Task ReloadAsync(CancellationToken ct = default)
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

        Page = await tasks.QueryAsync(userId, query, ct);
        // A delete can leave the last page empty: step back rather than show nothing.
        if (Page.Items.Count == 0 && PageIndex > 0)
        {
            PageIndex = Math.Max(0, (Page.TotalCount - 1) / PageSize);
            Page = await tasks.QueryAsync(userId, query with { Skip = PageIndex * PageSize }, ct);
        }
        Counts = await tasks.CountAsync(userId, Zone, ct);
        Tags = await tasks.GetTagsAsync(userId, ct);
        IsLoaded = true;
        Changed?.Invoke();
    }

    // A task deleted elsewhere (another tab) or a database busy with another writer is not an
    // error worth a crash: say so and show the list as it now is.
    private async Task ChangeAsync(Func<Task> change, CancellationToken ct)
    {
        try
        {
            await change();
            Notice = null;
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
        await ReloadAsync(ct);
    }
}
