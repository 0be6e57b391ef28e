using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;
using TaskChat.Web.Components.Chat;
using TaskChat.Web.Components.Tasks;

namespace TaskChat.Tests.Resilience;

/// <summary>
/// Bad input typed into the dashboard and the chat box, through the same state classes the
/// components call (TaskBoard, ChatState) over the real runner and SQLite: each row must show its
/// specific message and leave every table (tasks, tags, threads, messages, tool calls) as it was.
/// The browser tests (<see cref="UiBadInputBrowserTests"/>) drive the most important rows for real.
/// </summary>
public sealed class UiBadInputTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private const string Direction = "cannot contain text-direction control characters (U+202A–U+202E, U+2066–U+2069): they can make it display differently from what it says.";

    public static TheoryData<string, string, string> QuickAddRows() => new()
    {
        { "empty title", "", "Title is required." },
        { "whitespace-only title", "   ", "Title is required." },
        { "only tabs and newlines", "\t\n\r\n", "Title is required." },
        { "over-long title", new string('x', 256), "Title must be at most 255 characters (it has 256)." },
        { "10,000-character single word", new string('w', 10_000), "Title must be at most 255 characters (it has 10000)." },
        { "NUL in title", "Buy\0milk", "Title cannot contain control characters." },
        { "BEL in title", "Ring\u0007bell", "Title cannot contain control characters." },
        { "escape sequence in title", "\u001b[31mred", "Title cannot contain control characters." },
        { "right-to-left override in title", "invoice\u202Etxt.exe", "Title " + Direction },
        { "right-to-left isolate in title", "a\u2067b\u2069", "Title " + Direction },
    };

    public static TheoryData<string, Action<TaskEdit>, TaskField, string> EditorRows() => new()
    {
        { "editor: empty title", e => e.Title = "", TaskField.Title, "Title is required." },
        { "editor: over-long title", e => e.Title = new string('y', 300), TaskField.Title, "Title must be at most 255 characters (it has 300)." },
        { "editor: override in title", e => e.Title = "abc\u202Edef", TaskField.Title, "Title " + Direction },
        { "editor: due date before 1970", e => e.DueLocal = new DateTime(1900, 1, 1, 10, 0, 0), TaskField.Due, "Due date must be between 1970 and 9998." },
        { "editor: due date in 9999", e => e.DueLocal = new DateTime(9999, 6, 1, 10, 0, 0), TaskField.Due, "Due date must be between 1970 and 9998." },
        { "editor: over-long description", e => e.Description = new string('d', 2001), TaskField.Description, "Description must be at most 2000 characters (it has 2001)." },
        { "editor: NUL in description", e => e.Description = "a\0b", TaskField.Description, "Description cannot contain control characters." },
        { "editor: eleven tags", e => e.Tags = string.Join(",", Enumerable.Range(1, 11).Select(i => $"t{i}")), TaskField.Tags, "A task can have at most 10 tags (it has 11)." },
        { "editor: over-long tag", e => e.Tags = new string('g', 51), TaskField.Tags, $"Tag \"{new string('g', 20)}…\" is longer than 50 characters." },
    };

    public static TheoryData<string, string, string> ChatRows() => new()
    {
        { "empty message", "", "Type a message first." },
        { "whitespace-only message", " \n\t ", "Type a message first." },
        { "over-long message", new string('m', 10_001), "Messages can be at most 10,000 characters (this one has 10,001)." },
        { "NUL in message", "hello\0there", "Messages cannot contain control characters." },
    };

    private AssistantHarness h = default!;

    public async Task InitializeAsync()
    {
        h = await AssistantHarness.OfflineAsync();
        await h.Db.Tasks.CreateAsync(h.User, new TaskDraft("Water plants", Tags: ["home"]));
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    private async Task<TaskBoard> BoardAsync()
    {
        var board = new TaskBoard(h.Db.Tasks, h.Db.Clock);
        await board.LoadAsync(h.User, London);
        return board;
    }

    [Theory]
    [MemberData(nameof(QuickAddRows))]
    public async Task Quick_add_refuses_with_the_rule_and_writes_nothing(string row, string title, string notice)
    {
        var board = await BoardAsync();
        var before = await DbSnapshot.TakeAsync(h.Db.FilePath);

        Assert.False(await board.AddAsync(title));

        Assert.Equal(notice, board.Notice);
        before.AssertSameAs(await DbSnapshot.TakeAsync(h.Db.FilePath), row);
        Assert.True(await board.AddAsync("Still works"), row);
    }

    [Theory]
    [MemberData(nameof(EditorRows))]
    public async Task The_editor_refuses_with_the_fields_rule_and_writes_nothing(string row, Action<TaskEdit> change, TaskField field, string message)
    {
        var board = await BoardAsync();
        var task = board.Page.Items.Single();
        var edit = TaskEdit.From(task, London);
        change(edit);
        var before = await DbSnapshot.TakeAsync(h.Db.FilePath);

        var errors = await board.SaveEditAsync(task.Id, edit);

        Assert.Equal((field, message), (Assert.Single(errors).Field, errors[0].Message));
        before.AssertSameAs(await DbSnapshot.TakeAsync(h.Db.FilePath), row);
    }

    [Fact]
    public async Task Saving_a_task_deleted_in_another_tab_says_so_closes_the_editor_and_writes_nothing()
    {
        var board = await BoardAsync();
        var task = board.Page.Items.Single();
        board.BeginEdit(task.Id);
        var edit = TaskEdit.From(task, London);
        edit.Title = "Renamed meanwhile";
        await h.Db.Tasks.DeleteAsync(h.User, task.Id); // the other tab
        var before = await DbSnapshot.TakeAsync(h.Db.FilePath);

        var errors = await board.SaveEditAsync(task.Id, edit);

        Assert.Empty(errors);
        Assert.Equal("That task no longer exists; it may have been deleted in another tab.", board.Notice);
        Assert.Null(board.EditingId);
        before.AssertSameAs(await DbSnapshot.TakeAsync(h.Db.FilePath), "edit of a deleted task");
        // Toggling or deleting the vanished row is refused the same way.
        await board.SetCompletedAsync(task.Id, true);
        Assert.Equal("That task no longer exists; it may have been deleted in another tab.", board.Notice);
        await board.DeleteAsync(task.Id);
        before.AssertSameAs(await DbSnapshot.TakeAsync(h.Db.FilePath), "toggle/delete of a deleted task");
    }

    [Theory]
    [MemberData(nameof(ChatRows))]
    public async Task A_refused_message_says_why_keeps_the_draft_and_writes_nothing_not_even_a_thread(string row, string text, string error)
    {
        var chat = new ChatState(h.Threads, h.Runner);
        await chat.InitializeAsync(h.User);
        var before = await DbSnapshot.TakeAsync(h.Db.FilePath);

        chat.Draft = text;
        await chat.SendAsync();

        Assert.Equal(error, chat.Error);
        Assert.Equal(text, chat.Draft);
        Assert.False(chat.IsAnswering);
        before.AssertSameAs(await DbSnapshot.TakeAsync(h.Db.FilePath), row);
    }
}
