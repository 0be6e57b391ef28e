using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TaskChat.Core.Accounts;
using TaskChat.Web.Components.Account;

namespace TaskChat.Tests.Accounts;

/// <summary>The per-address pause after failed sign-ins, on a clock that moves only when told.</summary>
public sealed class SignInPauseTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2030, 5, 17, 9, 0, 0, TimeSpan.Zero));
    private readonly SignInPause pause;

    public SignInPauseTests() =>
        pause = new SignInPause(Options.Create(new AccountOptions { MaxFailedSignIns = 3, LockoutMinutes = 1, MaxLockoutMinutes = 4 }),
            clock, NullLogger<SignInPause>.Instance);

    private void FailFreely(string address, int times)
    {
        for (var i = 0; i < times; i++) Assert.Null(pause.RecordFailure(address));
    }

    [Fact]
    public void The_limit_starts_a_pause_that_ends_on_time()
    {
        FailFreely("198.51.100.7", 2);
        Assert.Null(pause.Remaining("198.51.100.7"));

        Assert.Equal(TimeSpan.FromMinutes(1), pause.RecordFailure("198.51.100.7"));
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(TimeSpan.FromSeconds(1), pause.Remaining("198.51.100.7"));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(pause.Remaining("198.51.100.7"));
    }

    [Fact]
    public void Each_further_failure_doubles_the_pause_up_to_the_longest()
    {
        FailFreely("198.51.100.7", 2);
        var pauses = new List<TimeSpan?>();
        for (var i = 0; i < 4; i++)
        {
            pauses.Add(pause.RecordFailure("198.51.100.7"));
            clock.Advance(pause.Remaining("198.51.100.7")!.Value); // waits it out, then fails again
        }

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(4)], pauses);
    }

    [Fact]
    public void Another_address_is_never_paused_by_someone_elses_failures()
    {
        FailFreely("198.51.100.7", 2);
        pause.RecordFailure("198.51.100.7");

        Assert.Null(pause.Remaining("203.0.113.9"));
        FailFreely("203.0.113.9", 2);
    }

    [Fact]
    public void An_address_quiet_for_the_longest_pause_after_its_last_one_starts_afresh()
    {
        FailFreely("198.51.100.7", 2);
        pause.RecordFailure("198.51.100.7");
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromMinutes(4) - TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromMinutes(2), pause.RecordFailure("198.51.100.7")); // still remembered

        clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromMinutes(4));
        FailFreely("198.51.100.7", 2);
        Assert.Equal(TimeSpan.FromMinutes(1), pause.RecordFailure("198.51.100.7"));
    }
}
