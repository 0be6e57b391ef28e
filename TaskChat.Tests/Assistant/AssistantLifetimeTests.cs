using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TaskChat.Core;
using TaskChat.Core.Assistant;
using TaskChat.Core.Assistant.Runs;
using TaskChat.Core.Chat;
using TaskChat.Core.Sync;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Assistant;

/// <summary>
/// An instance sharing its database with others takes over answers whose heartbeat went silent for
/// Assistant:InterruptAfterSeconds, and only those: the fake clock stands in for the half minute.
/// </summary>
public sealed class AssistantLifetimeTests
{
    [Fact]
    public async Task A_silent_answer_is_marked_interrupted_and_announced_while_one_with_a_recent_heartbeat_is_left_alone()
    {
        await using var db = await TestDatabase.CreateAsync(configure: services =>
        {
            services.AddTaskChatAssistant(new ConfigurationBuilder().AddInMemoryCollection(
            [
                new("Assistant:Provider", "Offline"),
                new("Assistant:SnapshotSeconds", "2"),
                new("Assistant:InterruptAfterSeconds", "30"),
            ]).Build());
            services.AddSingleton(new SyncMode(SharedWithOtherInstances: true));
        });
        var user = await db.AddUserAsync("ada@example.com");
        var store = db.Get<MessageStore>();
        var threads = db.Get<ThreadService>();
        var silent = await store.BeginTurnAsync(user, (await threads.CreateAsync(user)).Id, "cut off", "offline", "m");
        var live = await store.BeginTurnAsync(user, (await threads.CreateAsync(user)).Id, "still running", "offline", "m");
        await store.SaveTextAsync(silent.AnswerMessageId, "Half an ans");

        var finished = new TaskCompletionSource<RunFinished>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = db.Get<IUserBroadcaster>().Subscribe(user, e =>
        {
            if (e is RunFinished run) finished.TrySetResult(run);
            return Task.CompletedTask;
        });
        var lifetime = db.Get<IEnumerable<IHostedService>>().OfType<AssistantLifetime>().Single();
        await lifetime.StartAsync(CancellationToken.None);
        try
        {
            // The live answer's heartbeat beats every 20 s; the other one's stopped at the start.
            // Sweeps run every 15 s: whenever one runs, the live answer was heard from within 30 s.
            db.Clock.Advance(TimeSpan.FromSeconds(20));
            await store.SaveTextAsync(live.AnswerMessageId, "Still");
            db.Clock.Advance(TimeSpan.FromSeconds(20));
            await store.SaveTextAsync(live.AnswerMessageId, "Still going");
            db.Clock.Advance(TimeSpan.FromSeconds(5));

            var announced = await finished.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal((silent.AnswerMessageId, MessageStatus.Interrupted), (announced.MessageId, announced.Status));
            var cut = await threads.GetMessageAsync(user, silent.AnswerMessageId);
            Assert.Equal((MessageStatus.Interrupted, "Half an ans"), (cut.Status, cut.Text));
            Assert.Equal(MessageStatus.Streaming, (await threads.GetMessageAsync(user, live.AnswerMessageId)).Status);
        }
        finally
        {
            await lifetime.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void The_silence_must_be_at_least_three_snapshots_long()
    {
        var validate = new DataAnnotationValidateOptions<AssistantOptions>(Options.DefaultName);

        var tooShort = validate.Validate(Options.DefaultName, new AssistantOptions { SnapshotSeconds = 2, InterruptAfterSeconds = 5.9 });
        var enough = validate.Validate(Options.DefaultName, new AssistantOptions { SnapshotSeconds = 2, InterruptAfterSeconds = 6 });

        Assert.True(tooShort.Failed);
        Assert.Contains("Assistant:InterruptAfterSeconds (5.9) must be at least 3 × Assistant:SnapshotSeconds (2)", tooShort.FailureMessage);
        Assert.True(enough.Succeeded);
    }
}
