using Microsoft.EntityFrameworkCore;
using TaskChat.Core.Data;
using TaskChat.Core.Sync;

namespace TaskChat.Core.Chat;

/// <summary>
/// Threads and their messages as the chat panel sees them; every call is scoped to one user, and
/// every change is published to the user's other tabs.
/// </summary>
public sealed class ThreadService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IUserBroadcaster events)
{
    public const int MaxPageSize = 100;

    public async Task<IReadOnlyList<ThreadSummary>> ListAsync(string userId, int skip = 0, int take = 50, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Threads.AsNoTracking().Where(t => t.OwnerId == userId)
            .OrderByDescending(t => t.UpdatedUtc).ThenByDescending(t => t.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPageSize))
            .Select(t => new ThreadSummary(t.Id, t.Title, t.CreatedUtc, t.UpdatedUtc))
            .ToListAsync(ct);
    }

    public async Task<ThreadSummary> GetAsync(string userId, int threadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var t = await FindOwnedAsync(db, userId, threadId, ct);
        return new ThreadSummary(t.Id, t.Title, t.CreatedUtc, t.UpdatedUtc);
    }

    public async Task<ThreadSummary> CreateAsync(string userId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = clock.GetUtcNow().UtcDateTime;
        var thread = new ChatThreadEntity { OwnerId = userId, Title = ThreadRules.DefaultTitle, CreatedUtc = now, UpdatedUtc = now };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Threads.Add(thread);
        await db.SaveOrReportBusyAsync(ct);
        events.Publish(userId, new ThreadChanged(thread.Id, ChangeKind.Created));
        return new ThreadSummary(thread.Id, thread.Title, now, now);
    }

    public async Task<ThreadSummary> RenameAsync(string userId, int threadId, string title, CancellationToken ct = default)
    {
        var clean = ThreadRules.Title(title);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var thread = await FindOwnedAsync(db, userId, threadId, ct, tracking: true);
        thread.Title = clean;
        await db.SaveOrReportBusyAsync(ct);
        events.Publish(userId, new ThreadChanged(threadId, ChangeKind.Updated));
        return new ThreadSummary(thread.Id, thread.Title, thread.CreatedUtc, thread.UpdatedUtc);
    }

    public async Task DeleteAsync(string userId, int threadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var thread = await FindOwnedAsync(db, userId, threadId, ct, tracking: true);
        db.Threads.Remove(thread);
        await db.SaveOrReportBusyAsync(ct);
        events.Publish(userId, new ThreadChanged(threadId, ChangeKind.Deleted));
    }

    /// <summary>
    /// The newest <paramref name="take"/> messages before <paramref name="beforeId"/> (or the newest
    /// of all), oldest first: a long thread opens on its latest page and loads earlier ones on demand.
    /// </summary>
    public async Task<MessagePage> GetMessagesAsync(string userId, int threadId, long? beforeId = null, int take = 30, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await FindOwnedAsync(db, userId, threadId, ct);
        var query = db.Messages.AsNoTracking().Where(m => m.ThreadId == threadId && m.OwnerId == userId);
        if (beforeId is { } before) query = query.Where(m => m.Id < before);
        var newestFirst = await query.OrderByDescending(m => m.Id).Take(take + 1)
            .Include(m => m.ToolCalls).AsSplitQuery().ToListAsync(ct);
        var page = newestFirst.Take(take).Reverse().Select(ChatMessageView.From).ToArray();
        return new MessagePage(page, newestFirst.Count > take);
    }

    /// <summary>
    /// Every message from <paramref name="fromId"/> on: what a tab already shows, plus anything newer.
    /// Reloading this way keeps the window growing as a conversation goes on, instead of sliding.
    /// </summary>
    public async Task<MessagePage> GetMessagesFromAsync(string userId, int threadId, long fromId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await FindOwnedAsync(db, userId, threadId, ct);
        var thread = db.Messages.AsNoTracking().Where(m => m.ThreadId == threadId && m.OwnerId == userId);
        var messages = await thread.Where(m => m.Id >= fromId).OrderBy(m => m.Id)
            .Include(m => m.ToolCalls).AsSplitQuery().ToListAsync(ct);
        return new MessagePage(messages.Select(ChatMessageView.From).ToArray(), await thread.AnyAsync(m => m.Id < fromId, ct));
    }

    public async Task<ChatMessageView> GetMessageAsync(string userId, long messageId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.Messages.AsNoTracking().Include(m => m.ToolCalls)
                          .FirstOrDefaultAsync(m => m.Id == messageId && m.OwnerId == userId, ct)
                      ?? throw new ChatNotFoundException("message");
        return ChatMessageView.From(message);
    }

    internal static async Task<ChatThreadEntity> FindOwnedAsync(AppDbContext db, string userId, int threadId, CancellationToken ct, bool tracking = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var threads = tracking ? db.Threads : db.Threads.AsNoTracking();
        return await threads.FirstOrDefaultAsync(t => t.Id == threadId && t.OwnerId == userId, ct)
               ?? throw new ChatNotFoundException("chat");
    }
}
