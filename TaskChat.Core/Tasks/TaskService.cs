using Microsoft.EntityFrameworkCore;
using TaskChat.Core.Accounts;
using TaskChat.Core.Data;
using TaskChat.Core.Tasks.Recurrence;
using TaskChat.Core.Sync;

namespace TaskChat.Core.Tasks;

/// <summary>
/// The only way tasks are read or changed, by the dashboard and the assistant alike. Every method
/// takes the acting user's id and touches only that user's rows; another user's task id behaves
/// exactly like one that does not exist. Writes that find the database locked for longer than the
/// busy timeout fail with <see cref="StoreBusyException"/> and change nothing. Every change is
/// published to the user's other tabs.
/// </summary>
public sealed class TaskService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IUserBroadcaster events)
{
    public async Task<TaskItem> CreateAsync(string userId, TaskDraft draft, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var errors = new List<TaskValidationError>();
        var now = clock.GetUtcNow().UtcDateTime;
        var entity = new TaskEntity
        {
            OwnerId = userId,
            Title = TaskRules.Title(draft.Title, errors),
            Description = TaskRules.Description(draft.Description, errors),
            Priority = TaskRules.Priority(draft.Priority ?? TaskPriority.Medium, errors),
            DueUtc = TaskRules.Due(draft.DueUtc, errors),
            DueHasTime = draft.DueUtc is not null && draft.DueHasTime,
            Recurrence = TaskRules.Recurrence(draft.Recurrence, draft.DueUtc, errors),
            Tags = ToTagEntities(TaskRules.Tags(draft.Tags, errors)),
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        TaskRules.ThrowIfAny(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Tasks.Add(entity);
        await db.SaveOrReportBusyAsync(ct);
        events.Publish(userId, new TasksChanged(entity.Id, ChangeKind.Created));
        return TaskItem.From(entity);
    }

    public async Task<TaskItem> GetAsync(string userId, int taskId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return TaskItem.From(await FindOwnedAsync(db, userId, taskId, tracking: false, ct));
    }

    public async Task<TaskItem> UpdateAsync(string userId, int taskId, TaskPatch patch, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await FindOwnedAsync(db, userId, taskId, tracking: true, ct);

        var errors = new List<TaskValidationError>();
        if (patch.Title.HasValue) entity.Title = TaskRules.Title(patch.Title.Value, errors);
        if (patch.Description.HasValue) entity.Description = TaskRules.Description(patch.Description.Value, errors);
        if (patch.Priority.HasValue) entity.Priority = TaskRules.Priority(patch.Priority.Value, errors);
        if (patch.DueUtc.HasValue)
        {
            entity.DueUtc = TaskRules.Due(patch.DueUtc.Value, errors);
            // A new due without a word on its time is a moment (what the editor and ISO dates give).
            entity.DueHasTime = entity.DueUtc is not null && (!patch.DueHasTime.HasValue || patch.DueHasTime.Value);
        }
        else if (patch.DueHasTime.HasValue) entity.DueHasTime = entity.DueUtc is not null && patch.DueHasTime.Value;
        // The rule is checked against the due as it will be, so removing the due of a recurring task is refused too.
        if (patch.Recurrence.HasValue || patch.DueUtc.HasValue)
            entity.Recurrence = TaskRules.Recurrence(patch.Recurrence.HasValue ? patch.Recurrence.Value : entity.Recurrence, entity.DueUtc, errors);
        if (patch.Tags.HasValue) ReplaceTags(entity, TaskRules.Tags(patch.Tags.Value, errors));
        TaskRules.ThrowIfAny(errors);

        if (db.ChangeTracker.HasChanges())
        {
            entity.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveOrReportBusyAsync(ct);
            events.Publish(userId, new TasksChanged(taskId, ChangeKind.Updated));
        }
        return TaskItem.From(entity);
    }

    /// <summary>
    /// Completes or reopens a task. Doing what is already done is not an error. Completing a recurring
    /// task moves it to its next occurrence (see <see cref="CompleteAsync"/>) and returns it so.
    /// </summary>
    public async Task<TaskItem> SetCompletedAsync(string userId, int taskId, bool completed, CancellationToken ct = default) =>
        completed ? (await CompleteAsync(userId, taskId, ct)).Task : await SetCompletedFlagAsync(userId, taskId, false, ct);

    /// <summary>
    /// Completes a task. A recurring one with an occurrence left keeps its row and id as the live
    /// task, its due moved to the next occurrence (in the user's zone) and COUNT lowered; a completed,
    /// non-recurring copy with the old due records the occurrence done. Both in one save, so no one
    /// sees the one without the other. A series that is over (UNTIL, COUNT) simply completes.
    /// </summary>
    public async Task<TaskCompletion> CompleteAsync(string userId, int taskId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await FindOwnedAsync(db, userId, taskId, tracking: true, ct);
        if (entity.IsCompleted || entity.Recurrence is null || entity.DueUtc is not { } due)
            return new TaskCompletion(await SetCompletedFlagAsync(userId, taskId, true, ct), null, null, null);

        var zone = UserTimeZones.Find(await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(ct)) ?? TimeZoneInfo.Utc;
        // A stored rule was validated on the way in; one that no longer parses (a rule the app stopped
        // supporting) must not make the task impossible to complete.
        var step = RecurrenceRule.TryParse(entity.Recurrence, out var rule, out _) ? rule.NextAfter(due, zone) : null;
        if (step is null)
            return new TaskCompletion(await SetCompletedFlagAsync(userId, taskId, true, ct), null, null, null);

        var now = clock.GetUtcNow().UtcDateTime;
        var history = new TaskEntity
        {
            OwnerId = userId,
            Title = entity.Title,
            Description = entity.Description,
            Priority = entity.Priority,
            DueUtc = due,
            DueHasTime = entity.DueHasTime,
            Tags = ToTagEntities(entity.Tags.Select(t => t.Name).ToArray()),
            IsCompleted = true,
            CompletedUtc = now,
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        var previousRule = entity.Recurrence;
        entity.DueUtc = step.DueUtc;
        entity.Recurrence = step.Rule.Text;
        entity.UpdatedUtc = now;
        db.Tasks.Add(history);
        await db.SaveOrReportBusyAsync(ct);
        events.Publish(userId, new TasksChanged(taskId, ChangeKind.Updated));
        events.Publish(userId, new TasksChanged(history.Id, ChangeKind.Created));
        return new TaskCompletion(TaskItem.From(entity), history.Id, due, previousRule);
    }

    /// <summary>
    /// Undoes <see cref="CompleteAsync"/>: removes the history copy and puts the due and rule back, in
    /// one save; a plain completion is reopened. Undoing twice is harmless.
    /// </summary>
    public async Task<TaskItem> UndoCompletionAsync(string userId, TaskCompletion completion, CancellationToken ct = default)
    {
        if (completion.HistoryId is not { } historyId) return await SetCompletedFlagAsync(userId, completion.Task.Id, false, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await FindOwnedAsync(db, userId, completion.Task.Id, tracking: true, ct);
        var history = await db.Tasks.FirstOrDefaultAsync(t => t.Id == historyId && t.OwnerId == userId, ct);
        if (history is null) return TaskItem.From(entity); // undone already (another tab), or deleted since
        db.Tasks.Remove(history);
        entity.DueUtc = completion.PreviousDueUtc;
        entity.Recurrence = completion.PreviousRecurrence;
        entity.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveOrReportBusyAsync(ct);
        events.Publish(userId, new TasksChanged(historyId, ChangeKind.Deleted));
        events.Publish(userId, new TasksChanged(entity.Id, ChangeKind.Updated));
        return TaskItem.From(entity);
    }

    private async Task<TaskItem> SetCompletedFlagAsync(string userId, int taskId, bool completed, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await FindOwnedAsync(db, userId, taskId, tracking: true, ct);
        if (entity.IsCompleted != completed)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            entity.IsCompleted = completed;
            entity.CompletedUtc = completed ? now : null;
            entity.UpdatedUtc = now;
            await db.SaveOrReportBusyAsync(ct);
            events.Publish(userId, new TasksChanged(taskId, ChangeKind.Updated));
        }
        return TaskItem.From(entity);
    }

    /// <summary>Deletes a task and returns what it was, which <see cref="RestoreAsync"/> can put back.</summary>
    public async Task<TaskItem> DeleteAsync(string userId, int taskId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await FindOwnedAsync(db, userId, taskId, tracking: true, ct);
        var snapshot = TaskItem.From(entity);
        db.Tasks.Remove(entity);
        await db.SaveOrReportBusyAsync(ct);
        events.Publish(userId, new TasksChanged(taskId, ChangeKind.Deleted));
        return snapshot;
    }

    /// <summary>
    /// Undoes a delete: the task returns with its id, dates and completion. Restoring twice is
    /// harmless; the fields are validated again, as for any write.
    /// </summary>
    public async Task<TaskItem> RestoreAsync(string userId, TaskItem deleted, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Tasks.AsNoTracking().Include(t => t.Tags)
            .FirstOrDefaultAsync(t => t.Id == deleted.Id, ct);
        if (existing is not null)
            return existing.OwnerId == userId ? TaskItem.From(existing) : throw new TaskNotFoundException(deleted.Id);

        var errors = new List<TaskValidationError>();
        var entity = new TaskEntity
        {
            Id = deleted.Id,
            OwnerId = userId,
            Title = TaskRules.Title(deleted.Title, errors),
            Description = TaskRules.Description(deleted.Description, errors),
            Priority = TaskRules.Priority(deleted.Priority, errors),
            DueUtc = TaskRules.Due(deleted.DueUtc, errors),
            DueHasTime = deleted.DueUtc is not null && deleted.DueHasTime,
            Recurrence = TaskRules.Recurrence(deleted.Recurrence, deleted.DueUtc, errors),
            Tags = ToTagEntities(TaskRules.Tags(deleted.Tags, errors)),
            IsCompleted = deleted.IsCompleted,
            CompletedUtc = deleted.CompletedUtc,
            CreatedUtc = deleted.CreatedUtc,
            UpdatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        TaskRules.ThrowIfAny(errors);
        db.Tasks.Add(entity);
        try
        {
            await db.SaveOrReportBusyAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two Undo clicks raced and the other one put it back first: the outcome is the same.
            return await GetAsync(userId, deleted.Id, ct);
        }
        events.Publish(userId, new TasksChanged(entity.Id, ChangeKind.Created));
        return TaskItem.From(entity);
    }

    public async Task<TaskPage> QueryAsync(string userId, TaskQuery query, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var errors = new List<TaskValidationError>();
        if (query.Take is < 1 or > TaskQuery.MaxPageSize)
            errors.Add(new(TaskField.Query, $"Page size must be between 1 and {TaskQuery.MaxPageSize}."));
        if (query.Skip < 0)
            errors.Add(new(TaskField.Query, "Skip cannot be negative."));
        if (query.Text?.Length > TaskRules.SearchMaxLength)
            errors.Add(new(TaskField.Query, $"Search text must be at most {TaskRules.SearchMaxLength} characters."));
        var tag = string.IsNullOrWhiteSpace(query.Tag) ? null : TaskRules.Tag(query.Tag, errors);
        TaskRules.ThrowIfAny(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tasks = db.Tasks.AsNoTracking().Where(t => t.OwnerId == userId);

        tasks = query.Status switch
        {
            TaskStatusFilter.Open => tasks.Where(t => !t.IsCompleted),
            TaskStatusFilter.Done => tasks.Where(t => t.IsCompleted),
            _ => tasks,
        };
        if (query.Priority is { } priority) tasks = tasks.Where(t => t.Priority == priority);
        if (tag is not null) tasks = tasks.Where(t => t.Tags.Any(g => g.Name == tag));
        if (query.DueFromUtc is { } from) tasks = tasks.Where(t => t.DueUtc >= from);
        if (query.DueBeforeUtc is { } before) tasks = tasks.Where(t => t.DueUtc < before);
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var pattern = "%" + EscapeLike(query.Text.Trim().ToLowerInvariant()) + "%";
            tasks = tasks.Where(t =>
                EF.Functions.Like(AppDbContext.CaseFold(t.Title), pattern, "\\")
                || EF.Functions.Like(AppDbContext.CaseFold(t.Description), pattern, "\\")
                || t.Tags.Any(g => EF.Functions.Like(g.Name, pattern, "\\")));
        }

        var total = await tasks.CountAsync(ct);
        var page = await Sort(tasks, query.Sort)
            .Skip(query.Skip).Take(query.Take)
            .Include(t => t.Tags)
            .AsSplitQuery()
            .ToListAsync(ct);
        return new TaskPage(page.Select(TaskItem.From).ToArray(), total);
    }

    /// <summary>The distinct tags the user has used, for the tag filter.</summary>
    public async Task<IReadOnlyList<string>> GetTagsAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Tasks.Where(t => t.OwnerId == userId)
            .SelectMany(t => t.Tags).Select(g => g.Name)
            .Distinct().OrderBy(n => n).ToListAsync(ct);
    }

    /// <summary>
    /// Completes every open task; returns how many were completed. A recurring task completes its
    /// current occurrence and moves on to the next, as when completed on its own.
    /// </summary>
    public async Task<int> CompleteAllAsync(string userId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recurring = await db.Tasks.Where(t => t.OwnerId == userId && !t.IsCompleted && t.Recurrence != null)
            .Select(t => t.Id).ToListAsync(ct);
        foreach (var id in recurring) await CompleteAsync(userId, id, ct);
        var count = await BulkAsync(() => db.Tasks.Where(t => t.OwnerId == userId && !t.IsCompleted && t.Recurrence == null).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.IsCompleted, true).SetProperty(t => t.CompletedUtc, now).SetProperty(t => t.UpdatedUtc, now), ct));
        if (count > 0) events.Publish(userId, new TasksChanged(null, ChangeKind.Updated));
        return count + recurring.Count;
    }

    /// <summary>Deletes every task of the user; returns how many were deleted.</summary>
    public async Task<int> DeleteAllAsync(string userId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await BulkAsync(() => db.Tasks.Where(t => t.OwnerId == userId).ExecuteDeleteAsync(ct));
        if (count > 0) events.Publish(userId, new TasksChanged(null, ChangeKind.Deleted));
        return count;
    }

    /// <summary>Counts of open tasks for the dashboard header and the assistant's summary; days are the user's.</summary>
    public async Task<TaskCounts> CountAsync(string userId, TimeZoneInfo zone, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The same windows as the dashboard's "Due today" / "Due this week" filters.
        var today = new TaskQuery().Apply(DueWindow.Today, now, zone);
        var week = new TaskQuery().Apply(DueWindow.ThisWeek, now, zone);
        var (startOfToday, endOfToday, endOfWeek) = (today.DueFromUtc, today.DueBeforeUtc, week.DueBeforeUtc);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.Tasks.Where(t => t.OwnerId == userId && !t.IsCompleted)
            .GroupBy(_ => 1)
            .Select(g => new TaskCounts(
                g.Count(),
                g.Count(t => t.DueUtc < now),
                g.Count(t => t.DueUtc >= startOfToday && t.DueUtc < endOfToday),
                g.Count(t => t.DueUtc >= startOfToday && t.DueUtc < endOfWeek),
                g.Count(t => t.Priority == TaskPriority.High),
                g.Count(t => t.Priority == TaskPriority.Medium),
                g.Count(t => t.Priority == TaskPriority.Low)))
            .SingleOrDefaultAsync(ct); // one group, or none when there are no open tasks
        return counts ?? new TaskCounts(0, 0, 0, 0, 0, 0, 0);
    }

    private static IQueryable<TaskEntity> Sort(IQueryable<TaskEntity> tasks, TaskSort sort)
    {
        var openFirst = tasks.OrderBy(t => t.IsCompleted);
        return sort switch
        {
            TaskSort.Priority => openFirst.ThenByDescending(t => t.Priority)
                .ThenBy(t => t.DueUtc == null).ThenBy(t => t.DueUtc).ThenByDescending(t => t.Id),
            TaskSort.Created => openFirst.ThenByDescending(t => t.CreatedUtc).ThenByDescending(t => t.Id),
            _ => openFirst.ThenBy(t => t.DueUtc == null).ThenBy(t => t.DueUtc)
                .ThenByDescending(t => t.Priority).ThenByDescending(t => t.Id),
        };
    }

    private static async Task<TaskEntity> FindOwnedAsync(AppDbContext db, string userId, int taskId, bool tracking, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var tasks = tracking ? db.Tasks : db.Tasks.AsNoTracking();
        return await tasks.Include(t => t.Tags)
                   .FirstOrDefaultAsync(t => t.Id == taskId && t.OwnerId == userId, ct)
               ?? throw new TaskNotFoundException(taskId);
    }

    private static void ReplaceTags(TaskEntity entity, IReadOnlyList<string> tags)
    {
        entity.Tags.RemoveAll(t => !tags.Contains(t.Name));
        foreach (var name in tags.Where(n => entity.Tags.All(t => t.Name != n)))
            entity.Tags.Add(new TaskTagEntity { Name = name });
    }

    private static async Task<int> BulkAsync(Func<Task<int>> statement)
    {
        try
        {
            return await statement();
        }
        catch (Exception e) when (StoreBusyException.IsBusy(e))
        {
            throw new StoreBusyException(e);
        }
    }

    private static List<TaskTagEntity> ToTagEntities(IReadOnlyList<string> tags) =>
        tags.Select(n => new TaskTagEntity { Name = n }).ToList();

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}

/// <summary>
/// What completing a task did, enough for Undo: for a recurring task the id of the completed copy
/// made for the occurrence done, and the due and rule the live task had before.
/// </summary>
public sealed record TaskCompletion(TaskItem Task, int? HistoryId, DateTime? PreviousDueUtc, string? PreviousRecurrence)
{
    /// <summary>True when a next occurrence was scheduled; <see cref="Task"/> then carries its due.</summary>
    public bool ScheduledNext => HistoryId is not null;
}

/// <summary>Open tasks: all, overdue, due today, due this week (to Sunday), and by priority.</summary>
public sealed record TaskCounts(int Open, int Overdue, int DueToday, int DueThisWeek, int High, int Medium, int Low);
