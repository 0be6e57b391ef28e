using TaskChat.Core.Data;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Tasks;

public abstract class TaskValidationTests(DatabaseProvider provider) : OneUserDatabaseTest(provider)
{
    public sealed class OnSqlite() : TaskValidationTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : TaskValidationTests(DatabaseProvider.Postgres);

    public static TheoryData<string, TaskDraft, TaskField, string> InvalidDrafts => new()
    {
        { "empty title", new TaskDraft(""), TaskField.Title, "Title is required." },
        { "blank title", new TaskDraft(" \t\n "), TaskField.Title, "Title is required." },
        { "256-char title", new TaskDraft(new string('x', 256)), TaskField.Title, "Title must be at most 255 characters (it has 256)." },
        { "control char in title", new TaskDraft("buy\u0007milk"), TaskField.Title, "Title cannot contain control characters." },
        { "2001-char description", new TaskDraft("t", Description: new string('d', 2001)), TaskField.Description, "Description must be at most 2000 characters (it has 2001)." },
        { "control char in description", new TaskDraft("t", Description: "a\u0000b"), TaskField.Description, "Description cannot contain control characters." },
        { "undefined priority", new TaskDraft("t", Priority: (TaskPriority)7), TaskField.Priority, "Priority must be low, medium or high." },
        { "due without a zone", new TaskDraft("t", DueUtc: new DateTime(2026, 3, 12, 9, 0, 0)), TaskField.Due, "Due date must be given in UTC." },
        { "server-local due", new TaskDraft("t", DueUtc: new DateTime(2026, 3, 12, 9, 0, 0, DateTimeKind.Local)), TaskField.Due, "Due date must be given in UTC." },
        { "due before 1970", new TaskDraft("t", DueUtc: new DateTime(1969, 12, 31, 0, 0, 0, DateTimeKind.Utc)), TaskField.Due, "Due date must be between 1970 and 9998." },
        { "11 tags", new TaskDraft("t", Tags: Enumerable.Range(1, 11).Select(i => $"t{i}")), TaskField.Tags, "A task can have at most 10 tags (it has 11)." },
        { "51-char tag", new TaskDraft("t", Tags: [new string('g', 51)]), TaskField.Tags, "Tag \"gggggggggggggggggggg…\" is longer than 50 characters." },
        { "comma in tag", new TaskDraft("t", Tags: ["a,b"]), TaskField.Tags, "Tag \"a,b\" cannot contain commas or control characters." },
    };

    [ProviderTheory]
    [MemberData(nameof(InvalidDrafts))]
    public async Task Create_rejects_bad_input_with_a_specific_error_and_stores_nothing(string _, TaskDraft draft, TaskField field, string message)
    {
        var error = await Assert.ThrowsAsync<TaskValidationException>(() => Db.Tasks.CreateAsync(User, draft));

        var only = Assert.Single(error.Errors);
        Assert.Equal(field, only.Field);
        Assert.Equal(message, only.Message);
        Assert.Equal(0, await Db.CountTasksAsync());
    }

    [ProviderFact]
    public async Task Several_problems_are_reported_together()
    {
        var error = await Assert.ThrowsAsync<TaskValidationException>(() =>
            Db.Tasks.CreateAsync(User, new TaskDraft("", Description: new string('d', 2001))));

        Assert.Equal([TaskField.Title, TaskField.Description], error.Errors.Select(e => e.Field));
    }

    [ProviderFact]
    public async Task Fields_are_normalised_on_the_way_in()
    {
        var task = await Db.Tasks.CreateAsync(User, new TaskDraft(
            "  Buy\n  milk\tand bread  ",
            Description: "  line one\r\nline two  ",
            DueUtc: new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.FromHours(-5)).UtcDateTime,
            Tags: [" Home ", "#errands", "home", "", "  Big   Shop ", "# home"]));

        Assert.Equal("Buy milk and bread", task.Title);
        Assert.Equal("line one\nline two", task.Description);
        Assert.Equal(TaskPriority.Medium, task.Priority);
        Assert.Equal(new DateTime(2026, 3, 12, 14, 0, 0, DateTimeKind.Utc), task.DueUtc);
        Assert.Equal(DateTimeKind.Utc, task.DueUtc!.Value.Kind);
        Assert.Equal(["big shop", "errands", "home"], task.Tags);
    }

    [ProviderFact]
    public async Task Boundary_lengths_are_accepted()
    {
        var task = await Db.Tasks.CreateAsync(User, new TaskDraft(
            new string('t', 255), Description: new string('d', 2000),
            Tags: Enumerable.Range(1, 10).Select(i => new string((char)('a' + i), 50))));

        var stored = await Db.Tasks.GetAsync(User, task.Id);
        Assert.Equal(255, stored.Title.Length);
        Assert.Equal(2000, stored.Description.Length);
        Assert.Equal(10, stored.Tags.Count);
    }

    [ProviderFact]
    public async Task A_rejected_update_changes_nothing()
    {
        var task = await Db.Tasks.CreateAsync(User, new TaskDraft("Original", Tags: ["keep"]));

        await Assert.ThrowsAsync<TaskValidationException>(() => Db.Tasks.UpdateAsync(User, task.Id,
            new TaskPatch { Title = "New title", Tags = new Optional<IEnumerable<string>?>([new string('y', 60)]) }));

        Assert.Equal(task, await Db.Tasks.GetAsync(User, task.Id));
    }

    [ProviderTheory]
    [InlineData(0, 0, "Page size must be between 1 and 200.")]
    [InlineData(0, 201, "Page size must be between 1 and 200.")]
    [InlineData(-1, 50, "Skip cannot be negative.")]
    public async Task Bad_paging_is_rejected(int skip, int take, string message)
    {
        var error = await Assert.ThrowsAsync<TaskValidationException>(() =>
            Db.Tasks.QueryAsync(User, new TaskQuery { Skip = skip, Take = take }));
        Assert.Equal(message, Assert.Single(error.Errors).Message);
    }

    [ProviderFact]
    public async Task Over_long_search_text_is_rejected()
    {
        var error = await Assert.ThrowsAsync<TaskValidationException>(() =>
            Db.Tasks.QueryAsync(User, new TaskQuery { Text = new string('s', 201) }));
        Assert.Equal(TaskField.Query, Assert.Single(error.Errors).Field);
    }
}
