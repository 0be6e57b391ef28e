using Microsoft.EntityFrameworkCore;
using TaskChat.Core.Accounts;
using TaskChat.Core.Chat;
using TaskChat.Core.Data;
using TaskChat.Core.Data.Moving;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Data;

/// <summary>Moving an install: every row of a real database copied into an empty one, verified, and never twice.</summary>
public sealed class DatabaseCopyTests : IAsyncLifetime
{
    private TestDatabase source = null!;
    private TestDatabase target = null!;

    public async Task InitializeAsync()
    {
        source = await TestDatabase.CreateAsync();
        target = await TestDatabase.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await source.DisposeAsync();
        await target.DisposeAsync();
    }

    [Fact]
    public async Task Every_row_arrives_with_its_id_and_the_target_goes_on_numbering_after_them()
    {
        var (ann, firstTask) = await SeedAsync(source);

        var counts = await CopyAsync();

        Assert.All(counts, c => Assert.True(c.Matches, $"{c.Table}: {c.Source} → {c.Target}"));
        var expected = new Dictionary<string, long>
        {
            ["AspNetUsers"] = 2, ["AspNetUserTokens"] = 1, ["Tasks"] = 25, ["TaskTags"] = 10,
            ["ChatThreads"] = 1, ["ChatMessages"] = 2, ["ChatToolCalls"] = 1, ["AnswerStarts"] = 1,
        };
        foreach (var (table, rows) in expected) Assert.Equal((table, rows), (table, counts.Single(c => c.Table == table).Target));

        // The app's own services read the copy as they read the original.
        var copied = await target.Tasks.GetAsync(ann, firstTask.Id);
        Assert.Equal((firstTask.Title, firstTask.DueUtc, firstTask.IsCompleted), (copied.Title, copied.DueUtc, copied.IsCompleted));
        Assert.Equal(firstTask.Tags, copied.Tags);
        var tagged = await target.Tasks.QueryAsync(ann, new TaskQuery { Tag = "home" });
        Assert.Equal(10, tagged.TotalCount);
        var thread = Assert.Single(await target.Get<ThreadService>().ListAsync(ann));
        var messages = await target.Get<ThreadService>().GetMessagesAsync(ann, thread.Id);
        Assert.Equal(["Ärger mit dem Öl?", "Done."], messages.Messages.Select(m => m.Text));
        Assert.Single(messages.Messages[1].ToolCalls);

        var added = await target.Tasks.CreateAsync(ann, new TaskDraft("After the move"));
        Assert.True(added.Id > counts.Single(c => c.Table == "Tasks").Source, "a new task must not reuse a copied id");
    }

    [Fact]
    public async Task A_second_copy_is_refused_and_changes_nothing()
    {
        await SeedAsync(source);
        await CopyAsync();
        var before = await CopyCountsAsync();

        var refused = await Assert.ThrowsAsync<DatabaseCopyRefusedException>(CopyAsync);

        Assert.Contains("not empty", refused.Message);
        Assert.Contains("Tasks (25)", refused.Message);
        Assert.Contains("nothing was changed", refused.Message);
        Assert.Equal(before, await CopyCountsAsync());
    }

    [Fact]
    public async Task A_target_holding_anything_at_all_is_refused()
    {
        await SeedAsync(source);
        await target.AddUserAsync("someone@example.com");

        var refused = await Assert.ThrowsAsync<DatabaseCopyRefusedException>(CopyAsync);

        Assert.Contains("AspNetUsers (1)", refused.Message);
        Assert.Equal(0, await target.CountTasksAsync());
    }

    [Fact]
    public async Task Principals_come_before_the_rows_that_point_at_them()
    {
        await using var db = source.CreateContext();
        var order = DatabaseCopy.InsertOrder(db.Model).Select(t => t.GetTableName()).ToList();

        Assert.True(order.IndexOf("AspNetUsers") < order.IndexOf("Tasks"));
        Assert.True(order.IndexOf("Tasks") < order.IndexOf("TaskTags"));
        Assert.True(order.IndexOf("ChatThreads") < order.IndexOf("ChatMessages"));
        Assert.True(order.IndexOf("ChatMessages") < order.IndexOf("ChatToolCalls"));
    }

    private async Task<IReadOnlyList<TableCount>> CopyAsync()
    {
        await using var from = source.CreateContext();
        await using var to = target.CreateContext();
        return await DatabaseCopy.CopyAsync(from, to);
    }

    private async Task<long[]> CopyCountsAsync()
    {
        await using var db = target.CreateContext();
        return [await db.Users.LongCountAsync(), await db.Tasks.LongCountAsync(), await db.Messages.LongCountAsync(), await db.UserTokens.LongCountAsync()];
    }

    /// <summary>What a small install holds: two users, tasks with tags and dates, a chat with a tool call, a sign-in, a send.</summary>
    internal static async Task<(string UserId, TaskItem FirstTask)> SeedAsync(TestDatabase db)
    {
        var ann = await db.AddUserAsync("ann@example.com", "Europe/Berlin");
        var bob = await db.AddUserAsync("bob@example.com");
        TaskItem? first = null;
        for (var i = 0; i < 20; i++)
        {
            var task = await db.Tasks.CreateAsync(ann, new TaskDraft($"Task {i} für Özil", DueUtc: TestDatabase.DefaultNow.UtcDateTime.AddDays(i), Tags: i % 2 == 0 ? ["home"] : null));
            first ??= task;
        }
        for (var i = 0; i < 5; i++) await db.Tasks.CreateAsync(bob, new TaskDraft($"Bob's {i}"));
        await db.Tasks.SetCompletedAsync(ann, first!.Id, true);
        await db.Tasks.DeleteAsync(ann, first.Id + 1);
        await db.Tasks.CreateAsync(ann, new TaskDraft("Replacement"));

        var thread = await db.Get<ThreadService>().CreateAsync(ann);
        var store = db.Get<MessageStore>();
        var turn = await store.BeginTurnAsync(ann, thread.Id, "Ärger mit dem Öl?", "Offline", "offline", admit: (_, _) => Task.CompletedTask);
        var call = await store.AddToolCallAsync(turn.AnswerMessageId, "call-1", "list_tasks", "{}", ToolCallStatus.Running, 1, 0);
        await store.UpdateToolCallAsync(call, ToolCallStatus.Succeeded, "{\"tasks\":[]}");
        await store.FinishAsync(turn.AnswerMessageId, "Done.", MessageStatus.Complete, null, 10, 2);
        await db.Get<SignInSessions>().StartAsync(ann, TestDatabase.DefaultNow.AddDays(14));
        return (ann, await db.Tasks.GetAsync(ann, first.Id));
    }
}
