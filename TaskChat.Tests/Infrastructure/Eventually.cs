namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// Waits for what another thread or process does where it sends no signal a test can await (a
/// row in the app's file, a count on /health, a re-issued cookie): polls the condition, bounded,
/// and fails naming what it waited for. Never a fixed sleep standing in for "it has happened".
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(15);
    // A file, a page or another process is asked every 100 ms; an in-memory check costs nothing, so every 10 ms.
    private static readonly TimeSpan DefaultEvery = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan InMemoryEvery = TimeSpan.FromMilliseconds(10);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + (within ?? DefaultWithin);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(every ?? DefaultEvery);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? within = null, TimeSpan? every = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, within, every ?? InMemoryEvery);
}
