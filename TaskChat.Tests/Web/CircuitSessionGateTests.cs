using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Logging.Abstractions;
using TaskChat.Web.Components.Account;

namespace TaskChat.Tests.Web;

/// <summary>The per-circuit sign-in gate, with a scripted check and a clock that stands still.</summary>
public sealed class CircuitSessionGateTests
{
    private static readonly SessionTimings Timings = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(3));
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2030, 5, 17, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedCheck check = new();
    private readonly ServerAuthenticationStateProvider authentication = new();
    private readonly CircuitSessionGate gate;
    private readonly List<string> ran = [];

    public CircuitSessionGateTests()
    {
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "ada")], "Identity.Application")))));
        gate = new CircuitSessionGate(authentication, check, Timings, clock, NullLogger<CircuitSessionGate>.Instance);
    }

    private Task Run(string name) => gate.RunAsync(() => { ran.Add(name); return Task.CompletedTask; });

    [Fact]
    public async Task One_check_covers_a_few_seconds_of_activity_then_the_next_one_checks_again()
    {
        await Run("click");
        clock.Advance(TimeSpan.FromSeconds(2.9));
        await Run("key");
        Assert.Equal(1, check.Calls);

        clock.Advance(TimeSpan.FromSeconds(0.2));
        await Run("key");
        Assert.Equal(2, check.Calls);
        Assert.Equal(["click", "key", "key"], ran);
    }

    [Fact]
    public async Task A_revoked_sign_in_runs_nothing_and_signs_the_circuit_out()
    {
        await Run("before");
        check.Current = false;
        clock.Advance(TimeSpan.FromSeconds(5));

        await Run("add task");
        clock.Advance(TimeSpan.FromSeconds(5));
        await Run("send message");

        Assert.Equal(["before"], ran);
        Assert.True(gate.IsRevoked);
        Assert.False((await authentication.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
        Assert.Equal(2, check.Calls); // once revoked, it stays so without asking again
    }

    [Fact]
    public async Task A_sign_out_elsewhere_refuses_activity_at_once_without_waiting_for_the_next_check()
    {
        await Run("before");

        gate.Revoke();
        await Run("add task"); // within the seconds one check covers

        Assert.Equal(["before"], ran);
        Assert.Equal(1, check.Calls);
        Assert.False((await authentication.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task Activity_arriving_during_a_check_waits_and_keeps_its_order()
    {
        var answer = new TaskCompletionSource<bool>();
        check.Next = answer.Task;

        var typed = Run("typed");
        var enter = Run("enter");
        Assert.Empty(ran);

        answer.SetResult(true);
        await Task.WhenAll(typed, enter);
        Assert.Equal(["typed", "enter"], ran);
        Assert.Equal(1, check.Calls);
    }

    [Fact]
    public async Task A_check_that_fails_refuses_that_action_only()
    {
        check.Next = Task.FromException<bool>(new InvalidOperationException("database is locked"));

        await Run("refused");
        await Run("allowed");

        Assert.Equal(["allowed"], ran);
        Assert.False(gate.IsRevoked);
    }

    [Fact]
    public async Task A_circuit_without_a_user_is_not_checked()
    {
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));

        await Run("anonymous");

        Assert.Equal(["anonymous"], ran);
        Assert.Equal(0, check.Calls);
    }

    private sealed class ScriptedCheck : ISessionCheck
    {
        public bool Current { get; set; } = true;
        public Task<bool>? Next { get; set; }
        public int Calls { get; private set; }

        public Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken ct)
        {
            Calls++;
            var next = Next ?? Task.FromResult(Current);
            Next = null;
            return next;
        }
    }
}
