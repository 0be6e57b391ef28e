using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Web;

/// <summary>An app with tight limits and 5-second windows; each test connects from its own loopback address.</summary>
public sealed class LimitedAppFixture : IAsyncLifetime
{
    public AppServer App { get; private set; } = default!;

    public async Task InitializeAsync() => App = await AppServer.StartAsync(new Dictionary<string, string>
    {
        ["RateLimits:SignInsPerMinute"] = "3",
        ["RateLimits:RegistrationsPerHour"] = "2",
        ["RateLimits:PasswordChecksPerMinute"] = "3",
        ["RateLimits:WindowSeconds"] = "5",
    });

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Per-address limits on signing in, registering and the strength check: 429, Retry-After, a page that says so.</summary>
public sealed class RateLimitHttpTests(LimitedAppFixture fixture) : IClassFixture<LimitedAppFixture>
{
    private const string Password = "correct horse battery";
    private static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    private static async Task AssertLimitedAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single()), 1, 5);
        Assert.True(response.Headers.Contains("Content-Security-Policy"), "a 429 carries the security headers too");
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"rate-limited\"", page);
        Assert.Contains(message, page);
    }

    [Fact]
    public async Task Sign_ins_beyond_the_limit_are_refused_until_the_window_passes()
    {
        var email = NewEmail();
        using (var owner = new FormClient(fixture.App, IPAddress.Parse("127.0.0.30"))) await owner.RegisterAsync(email, Password);
        using var client = new FormClient(fixture.App, IPAddress.Parse("127.0.0.31"));

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(email, "wrong password!")).StatusCode);
        var refused = await client.SignInAsync(email, Password);

        await AssertLimitedAsync(refused, "Too many sign-in attempts from your network. Wait ");
        // The form itself still loads, and another address is not affected.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("account/login")).StatusCode);
        using (var other = new FormClient(fixture.App, IPAddress.Parse("127.0.0.32")))
            Assert.Equal(HttpStatusCode.Redirect, (await other.SignInAsync(email, Password)).StatusCode);

        // Retry-After is the server's own signal; the next window lets the right password in.
        var deadline = Stopwatch.StartNew();
        HttpResponseMessage again;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            again = await client.SignInAsync(email, Password);
        } while (again.StatusCode == HttpStatusCode.TooManyRequests && deadline.Elapsed < TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task Registrations_beyond_the_limit_are_refused_and_create_nothing()
    {
        using var client = new FormClient(fixture.App, IPAddress.Parse("127.0.0.33"));
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await client.RegisterAsync(NewEmail(), Password)).StatusCode);

        var email = NewEmail();
        await AssertLimitedAsync(await client.RegisterAsync(email, Password), "Too many accounts were created from your network. Wait ");

        using var check = new FormClient(fixture.App, IPAddress.Parse("127.0.0.34"));
        Assert.Equal(HttpStatusCode.OK, (await check.SignInAsync(email, Password)).StatusCode); // no such account: the form again
    }

    [Fact]
    public async Task Strength_checks_beyond_the_limit_get_a_429_the_meter_can_show()
    {
        using var http = fixture.App.CreateClient(from: IPAddress.Parse("127.0.0.35"));
        var token = FormClient.TokenIn(await http.GetStringAsync("account/register"));
        Task<HttpResponseMessage> CheckAsync() => http.PostAsync("account/password-strength", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["password"] = "password", ["email"] = "ada@example.com",
        }));

        for (var i = 0; i < 3; i++)
        {
            var answer = await CheckAsync();
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(0, (await answer.Content.ReadFromJsonAsync<StrengthAnswer>())!.Score);
        }
        var refused = await CheckAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.StartsWith("Strength check paused", (await refused.Content.ReadFromJsonAsync<StrengthAnswer>())!.Message);
    }

    [Fact]
    public async Task The_strength_check_needs_the_forms_antiforgery_token()
    {
        using var http = fixture.App.CreateClient(from: IPAddress.Parse("127.0.0.36"));

        var response = await http.PostAsync("account/password-strength", new FormUrlEncodedContent(new Dictionary<string, string> { ["password"] = "password" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private sealed record StrengthAnswer(int Score, string? Label, bool Acceptable, string? Reason, string? Message);
}
