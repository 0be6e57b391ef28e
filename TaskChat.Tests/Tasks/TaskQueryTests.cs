using TaskChat.Core.Data;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Tasks;

public abstract class TaskQueryTests(DatabaseProvider provider) : OneUserDatabaseTest(provider)
{
    public sealed class OnSqlite() : TaskQueryTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : TaskQueryTests(DatabaseProvider.Postgres);

    private static readonly DateTime Now = TestDatabase.DefaultNow.UtcDateTime; // Wed 11 Mar 2026 15:30 UTC
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Add("Pay rent", TaskPriority.High, Now.AddDays(-1), ["home", "money"]);
        await Add("Buy milk", TaskPriority.Medium, Now.AddHours(3), ["errands"]);
        await Add("Book dentist", TaskPriority.Low, Now.AddDays(3), ["health"]);
        await Add("Read 100% of the book", TaskPriority.Medium, null, [], "chapter_one first");
        await Add("Renew passport", TaskPriority.High, Now.AddDays(30), ["travel"]);
        await Add("Crème brûlée for Élodie", TaskPriority.Low, Now.AddDays(60), []);
        var done = await Add("File taxes", TaskPriority.High, Now.AddDays(-3), ["money"]);
        await Db.Tasks.SetCompletedAsync(User, done.Id, true);
    }

    private async Task<TaskItem> Add(string title, TaskPriority priority, DateTime? due, string[] tags, string? description = null)
    {
        Db.Clock.Advance(TimeSpan.FromMinutes(1)); // distinct creation times for the "newest" sort
        return await Db.Tasks.CreateAsync(User, new TaskDraft(title, description, priority, due, tags));
    }

    private async Task<string[]> Titles(TaskQuery query) =>
        (await Db.Tasks.QueryAsync(User, query)).Items.Select(t => t.Title).ToArray();

    [ProviderFact]
    public async Task Default_view_shows_everything_open_first_soonest_due_first_undated_last() =>
        Assert.Equal(["Pay rent", "Buy milk", "Book dentist", "Renew passport", "Crème brûlée for Élodie", "Read 100% of the book", "File taxes"],
            await Titles(new TaskQuery()));

    [ProviderFact]
    public async Task Status_filter() 
    {
        Assert.Equal(6, (await Db.Tasks.QueryAsync(User, new TaskQuery { Status = TaskStatusFilter.Open })).TotalCount);
        Assert.Equal(["File taxes"], await Titles(new TaskQuery { Status = TaskStatusFilter.Done }));
    }

    [ProviderFact]
    public async Task Priority_filter() =>
        Assert.Equal(["Pay rent", "Renew passport", "File taxes"], await Titles(new TaskQuery { Priority = TaskPriority.High }));

    [ProviderFact]
    public async Task Tag_filter_is_normalised_like_tags_are() =>
        Assert.Equal(["Pay rent", "File taxes"], await Titles(new TaskQuery { Tag = " #Money " }));

    [ProviderFact]
    public async Task Due_range_filter() =>
        Assert.Equal(["Buy milk", "Book dentist"], await Titles(new TaskQuery { DueFromUtc = Now, DueBeforeUtc = Now.AddDays(7) }));

    [ProviderTheory]
    [InlineData("MILK", new[] { "Buy milk" })]        // title, any case
    [InlineData("chapter_one", new[] { "Read 100% of the book" })] // description; _ is literal
    [InlineData("100%", new[] { "Read 100% of the book" })]        // % is literal
    [InlineData("travel", new[] { "Renew passport" })]  // tag
    [InlineData("zebra", new string[0])]
    [InlineData("CRÈME", new[] { "Crème brûlée for Élodie" })] // beyond ASCII, case still folds
    [InlineData("élodie", new[] { "Crème brûlée for Élodie" })]
    public async Task Text_search_covers_title_description_and_tags(string text, string[] expected) =>
        Assert.Equal(expected, await Titles(new TaskQuery { Text = text }));

    [ProviderFact]
    public async Task Like_wildcards_in_search_text_match_only_themselves() =>
        Assert.Empty(await Titles(new TaskQuery { Text = "B_y" }));

    [ProviderFact]
    public async Task Sort_by_priority_then_due() =>
        Assert.Equal(["Pay rent", "Renew passport", "Buy milk", "Read 100% of the book", "Book dentist", "Crème brûlée for Élodie", "File taxes"],
            await Titles(new TaskQuery { Sort = TaskSort.Priority }));

    [ProviderFact]
    public async Task Sort_by_newest() =>
        Assert.Equal(["Crème brûlée for Élodie", "Renew passport", "Read 100% of the book", "Book dentist", "Buy milk", "Pay rent", "File taxes"],
            await Titles(new TaskQuery { Sort = TaskSort.Created }));

    [ProviderFact]
    public async Task Paging_returns_the_window_and_the_total()
    {
        var page = await Db.Tasks.QueryAsync(User, new TaskQuery { Skip = 2, Take = 2 });
        Assert.Equal(7, page.TotalCount);
        Assert.Equal(["Book dentist", "Renew passport"], page.Items.Select(t => t.Title));
    }

    [ProviderFact]
    public async Task Filters_combine()
    {
        var query = new TaskQuery { Status = TaskStatusFilter.Open, Priority = TaskPriority.High, Tag = "money" };
        Assert.Equal(["Pay rent"], await Titles(query));
    }

    [ProviderFact]
    public async Task Tags_lists_each_tag_once_in_order() =>
        Assert.Equal(["errands", "health", "home", "money", "travel"], await Db.Tasks.GetTagsAsync(User));

    [ProviderFact]
    public async Task Due_windows_resolve_in_the_users_zone()
    {
        var utc = TimeZoneInfo.Utc;
        Assert.Equal(["Pay rent"], await Titles(new TaskQuery().Apply(DueWindow.Overdue, Now, utc)));
        Assert.Equal(["Buy milk"], await Titles(new TaskQuery().Apply(DueWindow.Today, Now, utc)));
        // Wednesday: the week runs to the end of Sunday, so Saturday's dentist is in, the passport is not.
        Assert.Equal(["Buy milk", "Book dentist"], await Titles(new TaskQuery().Apply(DueWindow.ThisWeek, Now, utc)));
        // In Tokyo it is already 00:30 on Thursday: milk (due 03:30 JST) is still today there.
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        Assert.Equal(["Buy milk"], await Titles(new TaskQuery().Apply(DueWindow.Today, Now, tokyo)));
    }
}
