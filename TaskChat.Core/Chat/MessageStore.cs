using Microsoft.EntityFrameworkCore;
using TaskChat.Core.Data;

namespace TaskChat.Core.Chat;

/// <summary>The identities of a turn being answered: the question and the (streaming) answer.</summary>
public sealed record TurnStart(int ThreadId, long UserMessageId, long AnswerMessageId);

/// <summary>
/// Persistence for answers being generated: the run loop writes through this at the start, every
/// few seconds, on each tool call, and at the end, so a closed tab or a crash loses at most a few
/// seconds of text.
/// </summary>
public sealed class MessageStore(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// Stores the user's message and an empty streaming answer; names a new thread after the message.
    /// <paramref name="admit"/> (the send limits) is checked in the same transaction that records the start.
    /// </summary>
    public async Task<TurnStart> BeginTurnAsync(string userId, int threadId, string text, string provider, string model, Func<IReadOnlyList<DateTime>, DateTime, Task>? admit = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await BeginAsync(db, userId, admit, ct);
        var thread = await ThreadService.FindOwnedAsync(db, userId, threadId, ct, tracking: true);
        var now = Now;
        if (!await db.Messages.AnyAsync(m => m.ThreadId == threadId, ct) && thread.Title == ThreadRules.DefaultTitle)
            thread.Title = ThreadRules.TitleFrom(text);
        var question = new ChatMessageEntity { ThreadId = threadId, OwnerId = userId, Role = ChatRole.User, Text = text, Status = MessageStatus.Complete, CreatedUtc = now, UpdatedUtc = now };
        var answer = NewAnswer(threadId, userId, provider, model, now);
        db.Messages.AddRange(question, answer);
        thread.UpdatedUtc = now;
        await db.SaveOrReportBusyAsync(ct);
        await transaction.CommitAsync(ct);
        return new TurnStart(threadId, question.Id, answer.Id);
    }

    /// <summary>
    /// Answers the last user message again: the previous answer to it is removed. With
    /// <paramref name="newText"/>, the last user message is edited first (edit and resend).
    /// </summary>
    public async Task<TurnStart> BeginRetryAsync(string userId, int threadId, string? newText, string provider, string model, Func<IReadOnlyList<DateTime>, DateTime, Task>? admit = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One transaction: the old answer is only gone if the new one is there.
        await using var transaction = await BeginAsync(db, userId, admit, ct);
        var thread = await ThreadService.FindOwnedAsync(db, userId, threadId, ct, tracking: true);
        var question = await db.Messages.Where(m => m.ThreadId == threadId && m.Role == ChatRole.User)
                           .OrderByDescending(m => m.Id).FirstOrDefaultAsync(ct)
                       ?? throw new ChatValidationException("There is no message to answer again yet.");
        var now = Now;
        if (newText is not null)
        {
            question.Text = newText;
            question.UpdatedUtc = now;
        }
        await db.Messages.Where(m => m.ThreadId == threadId && m.Id > question.Id).ExecuteDeleteAsync(ct);
        var answer = NewAnswer(threadId, userId, provider, model, now);
        db.Messages.Add(answer);
        thread.UpdatedUtc = now;
        await db.SaveOrReportBusyAsync(ct);
        await transaction.CommitAsync(ct);
        return new TurnStart(threadId, question.Id, answer.Id);
    }

    public async Task<long> AddToolCallAsync(long messageId, string callId, string name, string argumentsJson, ToolCallStatus status, int round, int textOffset, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var call = new ToolCallEntity
        {
            MessageId = messageId, CallId = callId, Name = name, ArgumentsJson = argumentsJson,
            Status = status, Round = round, TextOffset = textOffset, CreatedUtc = Now,
        };
        db.ToolCalls.Add(call);
        await db.SaveOrReportBusyAsync(ct);
        return call.Id;
    }

    public async Task UpdateToolCallAsync(long toolCallId, ToolCallStatus status, string? resultJson, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ToolCalls.Where(c => c.Id == toolCallId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status).SetProperty(c => c.ResultJson, resultJson), ct).OrReportBusy();
    }

    /// <summary>The periodic snapshot of a streaming answer's text; also its heartbeat (see <see cref="MarkInterruptedAsync"/>).</summary>
    public async Task SaveTextAsync(long messageId, string text, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Messages.Where(m => m.Id == messageId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Text, text).SetProperty(m => m.UpdatedUtc, now), ct).OrReportBusy();
    }

    public async Task FinishAsync(long messageId, string text, MessageStatus status, string? error, int? inputTokens, int? outputTokens, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Messages.Where(m => m.Id == messageId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Text, text).SetProperty(m => m.Status, status).SetProperty(m => m.Error, error)
            .SetProperty(m => m.InputTokens, inputTokens).SetProperty(m => m.OutputTokens, outputTokens)
            .SetProperty(m => m.UpdatedUtc, now), ct);
        // Tool calls still open when an answer ends did not finish: say so rather than leave them
        // "running". One still waiting for the user was, in effect, not confirmed.
        await db.ToolCalls.Where(c => c.MessageId == messageId && c.Status == ToolCallStatus.AwaitingApproval)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ToolCallStatus.Declined)
                .SetProperty(c => c.ResultJson, """{"declined":"The answer ended before the user confirmed; nothing was changed."}"""), ct);
        await db.ToolCalls.Where(c => c.MessageId == messageId && c.Status == ToolCallStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ToolCallStatus.Failed)
                .SetProperty(c => c.ResultJson, """{"error":"The answer ended before this tool finished."}"""), ct);
    }

    /// <summary>The messages before <paramref name="answerId"/>, newest <paramref name="max"/>, oldest first: what the model is shown.</summary>
    public async Task<IReadOnlyList<ChatMessageView>> GetHistoryAsync(string userId, int threadId, long answerId, int max, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var newestFirst = await db.Messages.AsNoTracking()
            .Where(m => m.ThreadId == threadId && m.OwnerId == userId && m.Id < answerId)
            .OrderByDescending(m => m.Id).Take(max)
            .Include(m => m.ToolCalls).AsSplitQuery().ToListAsync(ct);
        newestFirst.Reverse();
        return newestFirst.Select(ChatMessageView.From).ToArray();
    }

    /// <summary>When the user's answers started since <paramref name="sinceUtc"/>, oldest first: what send limits count.</summary>
    internal static Task<List<DateTime>> AnswerTimesSinceAsync(AppDbContext db, string userId, DateTime sinceUtc, CancellationToken ct) =>
        db.AnswerStarts.Where(s => s.OwnerId == userId && s.StartedUtc >= sinceUtc)
            .OrderBy(s => s.StartedUtc).Select(s => s.StartedUtc).ToListAsync(ct);

    /// <summary>
    /// Answers still "streaming" that no server is writing any more (cut off by a crash or a stop):
    /// marked interrupted, with the text saved so far, so the user sees what happened and can retry.
    /// With <paramref name="silentSinceUtc"/>, only those whose heartbeat stopped before then: other
    /// instances' live answers are left alone.
    /// </summary>
    public async Task<IReadOnlyList<(string UserId, int ThreadId, long MessageId)>> MarkInterruptedAsync(DateTime? silentSinceUtc = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stale = db.Messages.Where(m => m.Status == MessageStatus.Streaming);
        if (silentSinceUtc is { } since) stale = stale.Where(m => m.UpdatedUtc < since);
        var found = await stale.Select(m => new { m.OwnerId, m.ThreadId, m.Id, m.Text }).ToListAsync(ct);
        var taken = new List<(string, int, long)>();
        foreach (var message in found)
        {
            // Survivors sweep side by side: only the one whose update still finds the answer streaming
            // and silent takes it, so it is announced and counted once; a heartbeat that lands after
            // the look above keeps it from being taken at all.
            if (await stale.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Interrupted), ct) == 0)
                continue;
            await FinishAsync(message.Id, message.Text, MessageStatus.Interrupted, "The server restarted while this answer was being written.", null, null, ct);
            taken.Add((message.OwnerId, message.ThreadId, message.Id));
        }
        return taken;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // Two sends of one user must not both pass the limit check before either records its start.
    // SQLite: the first write takes the database's one write lock (BEGIN IMMEDIATE in effect).
    // PostgreSQL locks rows, not the database, so a per-user advisory lock, held to the end of the
    // transaction, puts the sends of one user (on any instance) in a line; other users never wait.
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginAsync(
        AppDbContext db, string userId, Func<IReadOnlyList<DateTime>, DateTime, Task>? admit, CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({userId}))", ct).OrReportBusy();
        var now = Now;
        db.AnswerStarts.Add(new AnswerStart { OwnerId = userId, StartedUtc = now });
        await db.SaveOrReportBusyAsync(ct);
        if (admit is not null)
        {
            // The row just added counts itself: the limit is checked against the earlier ones.
            var earlier = (await AnswerTimesSinceAsync(db, userId, now.AddDays(-1), ct)).SkipLast(1).ToList();
            await admit(earlier, now);
        }
        // Old starts only matter for a day.
        await db.AnswerStarts.Where(s => s.OwnerId == userId && s.StartedUtc < now.AddDays(-2)).ExecuteDeleteAsync(ct);
        return transaction;
    }

    private static ChatMessageEntity NewAnswer(int threadId, string userId, string provider, string model, DateTime now) => new()
    {
        ThreadId = threadId, OwnerId = userId, Role = ChatRole.Assistant, Status = MessageStatus.Streaming,
        Provider = provider, Model = model, CreatedUtc = now, UpdatedUtc = now,
    };
}
