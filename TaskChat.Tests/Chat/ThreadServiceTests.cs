using Microsoft.EntityFrameworkCore;
using TaskChat.Core.Chat;
using TaskChat.Core.Data;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Chat;

public abstract class ThreadServiceTests(DatabaseProvider provider) : OneUserDatabaseTest(provider)
{
    public sealed class OnSqlite() : ThreadServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : ThreadServiceTests(DatabaseProvider.Postgres);

    private ThreadService Threads => Db.Get<ThreadService>();
    private MessageStore Store => Db.Get<MessageStore>();

    [ProviderFact]
    public async Task A_new_thread_is_named_after_its_first_message_and_can_be_renamed()
    {
        var thread = await Threads.CreateAsync(User);
        Assert.Equal("New chat", thread.Title);

        await Store.BeginTurnAsync(User, thread.Id, "  what is due\nthis week? I want a long title that goes on and on past sixty characters  ", "offline", "m");
        Assert.Equal("what is due this week? I want a long title that goes on and…", (await Threads.GetAsync(User, thread.Id)).Title);

        await Threads.RenameAsync(User, thread.Id, "  Weekly   review ");
        Assert.Equal("Weekly review", (await Threads.GetAsync(User, thread.Id)).Title);
        await Store.BeginTurnAsync(User, thread.Id, "another message", "offline", "m");
        Assert.Equal("Weekly review", (await Threads.GetAsync(User, thread.Id)).Title);
    }

    [ProviderTheory]
    [InlineData("", "A chat title cannot be empty.")]
    [InlineData("a\u0001b", "A chat title cannot contain control characters.")]
    public async Task Bad_titles_are_refused(string title, string message)
    {
        var thread = await Threads.CreateAsync(User);
        Assert.Equal(message, (await Assert.ThrowsAsync<ChatValidationException>(() => Threads.RenameAsync(User, thread.Id, title))).Message);
        await Assert.ThrowsAsync<ChatValidationException>(() => Threads.RenameAsync(User, thread.Id, new string('t', 201)));
    }

    [ProviderTheory]
    [InlineData("invoice\u202Efdp.exe")]
    [InlineData("\u202Aembedded")]
    [InlineData("isolated\u2066 text\u2069")]
    public async Task A_typed_title_with_direction_controls_is_refused_and_the_old_title_kept(string title)
    {
        var thread = await Threads.CreateAsync(User);
        await Threads.RenameAsync(User, thread.Id, "Groceries");

        var refused = await Assert.ThrowsAsync<ChatValidationException>(() => Threads.RenameAsync(User, thread.Id, title));

        Assert.Equal(
            "A chat title cannot contain text-direction control characters (U+202A–U+202E, U+2066–U+2069): they can make it display differently from what it says.",
            refused.Message);
        Assert.Equal("Groceries", (await Threads.GetAsync(User, thread.Id)).Title);
    }

    [ProviderFact]
    public async Task An_automatic_title_drops_direction_controls_from_the_first_message()
    {
        var thread = await Threads.CreateAsync(User);

        await Store.BeginTurnAsync(User, thread.Id, "open invoice\u202Efdp.exe \u2067now\u2069", "offline", "m");

        Assert.Equal("open invoicefdp.exe now", (await Threads.GetAsync(User, thread.Id)).Title);
    }

    [ProviderFact]
    public async Task Threads_list_newest_activity_first()
    {
        var older = await Threads.CreateAsync(User);
        Db.Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await Threads.CreateAsync(User);
        Db.Clock.Advance(TimeSpan.FromMinutes(1));
        await Store.BeginTurnAsync(User, older.Id, "bump", "offline", "m");

        Assert.Equal([older.Id, newer.Id], (await Threads.ListAsync(User)).Select(t => t.Id));
    }

    [ProviderFact]
    public async Task Another_users_threads_and_messages_are_not_found()
    {
        var mine = await Threads.CreateAsync(User);
        var turn = await Store.BeginTurnAsync(User, mine.Id, "private", "offline", "m");
        var mallory = await Db.AddUserAsync("mallory@example.com");

        await Assert.ThrowsAsync<ChatNotFoundException>(() => Threads.GetAsync(mallory, mine.Id));
        await Assert.ThrowsAsync<ChatNotFoundException>(() => Threads.GetMessagesAsync(mallory, mine.Id));
        await Assert.ThrowsAsync<ChatNotFoundException>(() => Threads.GetMessageAsync(mallory, turn.UserMessageId));
        await Assert.ThrowsAsync<ChatNotFoundException>(() => Threads.RenameAsync(mallory, mine.Id, "pwned"));
        await Assert.ThrowsAsync<ChatNotFoundException>(() => Threads.DeleteAsync(mallory, mine.Id));
        await Assert.ThrowsAsync<ChatNotFoundException>(() => Store.BeginTurnAsync(mallory, mine.Id, "inject", "offline", "m"));
        Assert.Empty(await Threads.ListAsync(mallory));
        Assert.Equal(2, (await Threads.GetMessagesAsync(User, mine.Id)).Messages.Count);
    }

    [ProviderFact]
    public async Task Deleting_a_thread_deletes_its_messages_and_tool_calls()
    {
        var thread = await Threads.CreateAsync(User);
        var turn = await Store.BeginTurnAsync(User, thread.Id, "add milk", "offline", "m");
        await Store.AddToolCallAsync(turn.AnswerMessageId, "c1", "add_task", "{}", ToolCallStatus.Running, 1, 0);

        await Threads.DeleteAsync(User, thread.Id);

        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.Messages.CountAsync());
        Assert.Equal(0, await db.ToolCalls.CountAsync());
    }

    [ProviderFact]
    public async Task A_thread_of_two_thousand_messages_opens_on_its_latest_page_and_pages_back()
    {
        var thread = await Threads.CreateAsync(User);
        await using (var db = Db.CreateContext())
        {
            var now = Db.Clock.GetUtcNow().UtcDateTime;
            db.Messages.AddRange(Enumerable.Range(1, 2000).Select(i => new ChatMessageEntity
            {
                ThreadId = thread.Id, OwnerId = User, Role = i % 2 == 1 ? ChatRole.User : ChatRole.Assistant,
                Text = $"message {i}", Status = MessageStatus.Complete, CreatedUtc = now, UpdatedUtc = now,
            }));
            await db.SaveChangesAsync();
        }

        var latest = await Threads.GetMessagesAsync(User, thread.Id, take: 30);
        Assert.Equal("message 1971", latest.Messages[0].Text);
        Assert.Equal("message 2000", latest.Messages[^1].Text);
        Assert.True(latest.HasEarlier);

        var earlier = await Threads.GetMessagesAsync(User, thread.Id, latest.Messages[0].Id, 30);
        Assert.Equal(("message 1941", "message 1970"), (earlier.Messages[0].Text, earlier.Messages[^1].Text));

        var first = await Threads.GetMessagesAsync(User, thread.Id, (await Threads.GetMessagesAsync(User, thread.Id, take: 100)).Messages[0].Id - 1895, 30);
        Assert.Equal("message 1", first.Messages[0].Text);
        Assert.False(first.HasEarlier);
    }

    [ProviderFact]
    public async Task Answers_left_streaming_are_marked_interrupted_at_start_up_with_their_text()
    {
        var thread = await Threads.CreateAsync(User);
        var turn = await Store.BeginTurnAsync(User, thread.Id, "hello", "offline", "m");
        await Store.SaveTextAsync(turn.AnswerMessageId, "Half an ans");
        await Store.AddToolCallAsync(turn.AnswerMessageId, "c1", "add_task", "{}", ToolCallStatus.Running, 1, 4);

        Assert.Single(await Store.MarkInterruptedAsync());

        var answer = await Threads.GetMessageAsync(User, turn.AnswerMessageId);
        Assert.Equal((MessageStatus.Interrupted, "Half an ans"), (answer.Status, answer.Text));
        Assert.Equal("The server restarted while this answer was being written.", answer.Error);
        Assert.Equal(ToolCallStatus.Failed, Assert.Single(answer.ToolCalls).Status);
        Assert.Empty(await Store.MarkInterruptedAsync());
    }

    [ProviderFact]
    public async Task Survivors_sweeping_side_by_side_take_each_silent_answer_once()
    {
        var answers = new List<long>();
        for (var i = 0; i < 20; i++)
            answers.Add((await Store.BeginTurnAsync(User, (await Threads.CreateAsync(User)).Id, "hello", "offline", "m")).AnswerMessageId);
        var silentSince = Db.Clock.GetUtcNow().UtcDateTime.AddSeconds(1);

        // On threads of their own, as on machines of their own: SQLite's "async" calls run synchronously.
        var sweeps = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Store.MarkInterruptedAsync(silentSince))));

        var taken = sweeps.SelectMany(s => s).Select(a => a.MessageId).ToList();
        Assert.Equal(answers.Order(), taken.Order());
    }
}
