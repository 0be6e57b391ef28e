using TaskChat.Core.Data;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Tasks;

/// <summary>User B, knowing user A's task id, can neither see nor touch it, and learns nothing from trying.</summary>
public abstract class TaskOwnershipTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : TaskOwnershipTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : TaskOwnershipTests(DatabaseProvider.Postgres);

    private TestDatabase db = default!;
    private string alice = "", bob = "";
    private TaskItem alicesTask = default!;

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync(provider: provider);
        alice = await db.AddUserAsync("alice@example.com");
        bob = await db.AddUserAsync("bob@example.com");
        alicesTask = await db.Tasks.CreateAsync(alice, new TaskDraft("Alice's secret", Tags: ["private"]));
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    public static TheoryData<string> Operations => new() { "get", "update", "complete", "delete" };

    [ProviderTheory]
    [MemberData(nameof(Operations))]
    public async Task Another_users_id_looks_exactly_like_a_missing_one(string operation)
    {
        const int missingId = 999_999;
        var onAlicesTask = await Assert.ThrowsAsync<TaskNotFoundException>(() => Run(operation, alicesTask.Id));
        var onMissingTask = await Assert.ThrowsAsync<TaskNotFoundException>(() => Run(operation, missingId));

        Assert.Equal(onMissingTask.Message.Replace(missingId.ToString(), "#"), onAlicesTask.Message.Replace(alicesTask.Id.ToString(), "#"));
        Assert.Equal(alicesTask, await db.Tasks.GetAsync(alice, alicesTask.Id));
    }

    private Task Run(string operation, int id) => operation switch
    {
        "get" => db.Tasks.GetAsync(bob, id),
        "update" => db.Tasks.UpdateAsync(bob, id, new TaskPatch { Title = "pwned" }),
        "complete" => db.Tasks.SetCompletedAsync(bob, id, true),
        "delete" => db.Tasks.DeleteAsync(bob, id),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    [ProviderFact]
    public async Task Restoring_a_snapshot_of_another_users_live_task_is_refused()
    {
        await Assert.ThrowsAsync<TaskNotFoundException>(() => db.Tasks.RestoreAsync(bob, alicesTask));
        Assert.Equal(alicesTask, await db.Tasks.GetAsync(alice, alicesTask.Id));
    }

    [ProviderFact]
    public async Task Queries_tags_and_counts_see_only_the_callers_tasks()
    {
        await db.Tasks.CreateAsync(bob, new TaskDraft("Bob's errand", Tags: ["errands"]));

        var bobs = await db.Tasks.QueryAsync(bob, new TaskQuery());
        Assert.Equal(["Bob's errand"], bobs.Items.Select(t => t.Title));
        Assert.Equal(1, bobs.TotalCount);
        Assert.Empty((await db.Tasks.QueryAsync(bob, new TaskQuery { Text = "secret" })).Items);
        Assert.Empty((await db.Tasks.QueryAsync(bob, new TaskQuery { Tag = "private" })).Items);
        Assert.Equal(["errands"], await db.Tasks.GetTagsAsync(bob));
        Assert.Equal(1, (await db.Tasks.CountAsync(bob, TimeZoneInfo.Utc)).Open);
    }

    [ProviderFact]
    public async Task Deleting_a_user_deletes_their_tasks_only()
    {
        await db.Tasks.CreateAsync(bob, new TaskDraft("Bob's"));
        await using (var context = db.CreateContext())
        {
            context.Users.Remove(await context.Users.FindAsync(alice) ?? throw new InvalidOperationException());
            await context.SaveChangesAsync();
        }

        Assert.Equal(1, await db.CountTasksAsync());
    }
}
