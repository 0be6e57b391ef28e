using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaskChat.Core.Chat;
using TaskChat.Core.Sync;
using TaskChat.Web.Components.Chat;

namespace TaskChat.Tests.Components.Chat;

/// <summary>
/// The streaming bubble's pace (DESIGN §3): the first chunk shows at once, then at most about 20 renders
/// a second however fast chunks come, and the last chunk is never left unshown. The bubble's clock is a
/// <see cref="FakeTimeProvider"/>, so "nothing rendered" is a fact of that clock, not of a wait.
/// </summary>
public sealed class LiveMessagePacingTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private sealed record Stream(ChatComponentsContext Context, ChatState Chat, FakeTimeProvider Clock, IRenderedComponent<LiveMessage> Bubble, int ThreadId)
    {
        /// <summary>Delivers one chunk as the broadcaster does: on the renderer's thread, in order.</summary>
        public Task ChunkAsync(string delta)
        {
            var live = Chat.Live!;
            var chunk = new RunChunk(ThreadId, live.MessageId, delta, live.Length + delta.Length);
            return Context.Bunit.Renderer.Dispatcher.InvokeAsync(() => Chat.HandleAsync(chunk));
        }
    }

    // An answer that stays in progress (it waits for the user's confirmation), its bubble rendered on
    // its own with a fake clock over a chat state no broadcaster feeds: only the chunks a test delivers
    // and that clock can make it render.
    private static async Task<Stream> StreamingAsync(ChatComponentsContext context, bool subscribed = false)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        context.Bunit.Services.AddSingleton<TimeProvider>(clock);
        var threadId = (await context.Assistant.Threads.CreateAsync(context.User)).Id;
        await context.Assistant.Runner.SendAsync(context.User, threadId, "delete all tasks");
        await context.Assistant.WaitForEventAsync<RunToolCall>(e => e.Call.Status == ToolCallStatus.AwaitingApproval);
        var chat = subscribed ? context.Chat : new ChatState(context.Assistant.Threads, context.Assistant.Runner);
        await context.Bunit.Renderer.Dispatcher.InvokeAsync(() => chat.InitializeAsync(context.User, threadId));
        Assert.NotNull(chat.Live);
        var bubble = context.Bunit.Render<LiveMessage>(p => p.Add(m => m.Chat, chat));
        return new Stream(context, chat, clock, bubble, threadId);
    }

    private static string Shown(IRenderedComponent<LiveMessage> bubble) =>
        bubble.Find("[data-testid=message]").TextContent;

    [Fact]
    public async Task The_first_chunk_shows_at_once_and_a_burst_within_one_interval_renders_once_more_with_all_of_it()
    {
        await using var chat = await ChatComponentsContext.CreateAsync();
        var s = await StreamingAsync(chat);
        s.Clock.Advance(TimeSpan.FromSeconds(1)); // whatever the bubble showed when it appeared is long past
        var rendersBefore = s.Bubble.RenderCount;

        await s.ChunkAsync("First");
        Assert.Contains("First", Shown(s.Bubble)); // at once, before the clock moves at all
        var oneRender = s.Bubble.RenderCount - rendersBefore; // bunit also counts the body inside the bubble
        Assert.InRange(oneRender, 1, 2);

        for (var i = 0; i < 100; i++) await s.ChunkAsync($" w{i}");
        // A hundred chunks in the same instant: none is rendered on its own.
        Assert.Equal(rendersBefore + oneRender, s.Bubble.RenderCount);
        Assert.DoesNotContain("w0", Shown(s.Bubble));

        // One interval later one render shows them all, the last chunk included.
        s.Clock.Advance(TimeSpan.FromMilliseconds(55));
        s.Bubble.WaitForAssertion(() => Assert.Contains(" w99", Shown(s.Bubble)), Wait);
        Assert.Equal(rendersBefore + 2 * oneRender, s.Bubble.RenderCount);
        Assert.Contains(s.Chat.Live!.Text.Trim(), Shown(s.Bubble));
    }

    [Fact]
    public async Task Chunks_every_5_ms_for_a_second_render_at_most_20_times_and_the_last_one_still_shows()
    {
        await using var chat = await ChatComponentsContext.CreateAsync();
        var s = await StreamingAsync(chat);
        s.Clock.Advance(TimeSpan.FromSeconds(1));
        var rendersBefore = s.Bubble.RenderCount;

        await s.ChunkAsync(" t0");
        var oneRender = s.Bubble.RenderCount - rendersBefore; // bunit also counts the body inside the bubble
        Assert.InRange(oneRender, 1, 2);

        // 200 chunks over one second of the bubble's clock: one render per chunk would be 200.
        for (var i = 1; i < 200; i++)
        {
            s.Clock.Advance(TimeSpan.FromMilliseconds(5));
            await s.ChunkAsync($" t{i}");
        }
        await chat.Bunit.Renderer.Dispatcher.InvokeAsync(() => { }); // lets a render the timer queued run first

        var renders = (s.Bubble.RenderCount - rendersBefore) / oneRender;
        Assert.InRange(renders, 10, 20);
        // The last chunk is never stranded: at the latest one interval after it, it shows.
        s.Clock.Advance(TimeSpan.FromMilliseconds(55));
        s.Bubble.WaitForAssertion(() => Assert.Contains(" t199", Shown(s.Bubble)), Wait);
        Assert.InRange((s.Bubble.RenderCount - rendersBefore) / oneRender, renders, 21);
    }

    [Fact]
    public async Task The_end_of_the_answer_shows_at_once_even_with_a_paced_render_still_due()
    {
        await using var chat = await ChatComponentsContext.CreateAsync();
        var s = await StreamingAsync(chat, subscribed: true);
        var panel = chat.Render<ChatPanel>();
        await s.ChunkAsync(" one");
        await s.ChunkAsync(" two"); // within the interval: a render is due on the (frozen) clock

        var asking = s.Chat.Live!.ToolCalls.Single(c => c.Status == ToolCallStatus.AwaitingApproval);
        await chat.Bunit.Renderer.Dispatcher.InvokeAsync(() => chat.Chat.Decide(asking.Id, approved: true));

        // The clock never moves: the finished answer replaces the bubble without waiting for it.
        panel.WaitForAssertion(() => Assert.Equal("complete", panel.FindAll("[data-testid=message][data-role=assistant]").Last().GetAttribute("data-status")), Wait);
        Assert.Empty(panel.FindAll("[data-status=streaming]"));
    }
}
