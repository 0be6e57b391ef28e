using TaskChat.Core.Assistant.Runs;
using TaskChat.Core.Chat;
using TaskChat.Tests.Infrastructure;
using TaskChat.Web.Components.Chat;

namespace TaskChat.Tests.Web;

/// <summary>The chat panel's state class over the real runner (offline) and SQLite, without rendering.</summary>
public sealed class ChatStateTests
{
    [Fact]
    public async Task The_shown_window_grows_as_the_conversation_goes_on_instead_of_sliding()
    {
        await using var h = await AssistantHarness.OfflineAsync(("Assistant:SendsPerMinute", "1000"));
        var chat = new ChatState(h.Threads, h.Runner);
        await chat.InitializeAsync(h.User);
        for (var i = 0; i < 16; i++)
        {
            chat.Draft = $"hi {i}";
            await chat.SendAsync();
            var finished = await h.WaitForEventAsync<TaskChat.Core.Sync.RunFinished>(e => h.Events.OfType<TaskChat.Core.Sync.RunFinished>().Count() == i + 1);
            await chat.HandleAsync(finished);
        }
        Assert.Equal(32, chat.Messages.Count);
        Assert.Equal("hi 0", chat.Messages[0].Text);
        Assert.False(chat.HasEarlier);
        Assert.Equal("", chat.Draft);

        // Opened afresh, the thread shows its latest page and offers the rest.
        var fresh = new ChatState(h.Threads, h.Runner);
        await fresh.InitializeAsync(h.User);
        Assert.Equal(ChatState.PageSize, fresh.Messages.Count);
        Assert.True(fresh.HasEarlier);
        await fresh.LoadEarlierAsync();
        Assert.Equal(32, fresh.Messages.Count);
    }

    [Fact]
    public async Task Refused_sends_keep_the_draft_and_say_why()
    {
        await using var h = await AssistantHarness.OfflineAsync(("Assistant:MessageMaxLength", "10"));
        var chat = new ChatState(h.Threads, h.Runner);
        await chat.InitializeAsync(h.User);

        chat.Draft = "far too long for the limit";
        await chat.SendAsync();

        Assert.Equal("far too long for the limit", chat.Draft);
        Assert.Equal("Messages can be at most 10 characters (this one has 26).", chat.Error);
    }

    [Theory]
    [InlineData("漢")]
    [InlineData("é")]
    [InlineData("\"")]
    public async Task A_message_of_exactly_the_default_limit_is_sent_and_one_character_more_is_refused(string character)
    {
        await using var h = await AssistantHarness.OfflineAsync();
        var chat = new ChatState(h.Threads, h.Runner);
        await chat.InitializeAsync(h.User);
        Assert.Equal(10_000, chat.MaxLength);

        chat.Draft = string.Concat(Enumerable.Repeat(character, 10_001));
        await chat.SendAsync();
        Assert.Equal("Messages can be at most 10,000 characters (this one has 10,001).", chat.Error);
        Assert.Empty(chat.Threads); // refused before a thread was made for it

        var atTheLimit = string.Concat(Enumerable.Repeat(character, 10_000));
        chat.Draft = atTheLimit;
        await chat.SendAsync();
        Assert.Null(chat.Error);
        Assert.Equal("", chat.Draft);
        Assert.Equal(atTheLimit, Assert.Single(chat.Messages, m => m.Role == ChatRole.User).Text);
    }

    [Fact]
    public void A_live_answer_detects_missed_chunks()
    {
        var live = new LiveAnswer(new RunSnapshot(1, "Hello", []));

        Assert.True(live.TryAppend(", wor", 10));
        Assert.True(live.TryAppend(", wor", 10)); // a duplicate is ignored
        Assert.False(live.TryAppend("!", 13));    // "ld" went missing
        Assert.Equal("Hello, wor", live.Text);
    }
}
