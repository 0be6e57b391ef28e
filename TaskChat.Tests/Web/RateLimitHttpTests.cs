using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using TaskChat.Tests.Infrastructure;
using static TaskChat.Tests.Infrastructure.TestAccounts;

namespace TaskChat.Tests.Web;

/// <summary>An app with tight limits and 10-second windows; each test connects from its own loopback address.</summary>
public sealed class LimitedAppFixture() : AppServerFixture(new Dictionary<string, string>
{
    ["RateLimits:SignInsPerMinute"] = "2",
    ["RateLimits:RegistrationsPerHour"] = "1",
    ["RateLimits:PasswordChecksPerMinute"] = "3",
    // Long enough that a few requests on a loaded machine fit in one window.
    ["RateLimits:WindowSeconds"] = "10",
});

/// <summary>Per-address limits on signing in, registering and the strength check: 429, Retry-After, a page that says so.</summary>
public sealed class RateLimitHttpTests(LimitedAppFixture fixture) : IClassFixture<LimitedAppFixture>
{
    private static async Task AssertLimitedAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single()), 1, 10);
        Assert.True(response.Headers.Contains("Content-Security-Policy"), "a 429 carries the security headers too");
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"rate-limited\"", page);
        Assert.Contains(message, page);
    }

    /// <summary>
    /// Posts the forms all at once, so they fall in one window however slow the machine is, and
    /// returns the answers in the order given.
    /// </summary>
    private async Task<HttpResponseMessage[]> PostTogetherAsync(HttpClient http, string page, IEnumerable<Dictionary<string, string>> forms)
    {
        var token = FormClient.TokenIn(await http.GetStringAsync(page));
        return await Task.WhenAll(forms.Select(fields =>
            http.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }))));
    }

    private static Dictionary<string, string> SignIn(string email, string password) => new()
    {
        ["_handler"] = "login", ["Input.Email"] = email, ["Input.Password"] = password,
    };

    [Fact]
    public async Task Sign_ins_beyond_the_limit_are_refused_until_the_window_passes()
    {
        var email = NewEmail();
        using (var owner = new FormClient(fixture.App, IPAddress.Parse("127.0.0.30"))) await owner.RegisterAsync(email, Password);
        using var http = fixture.App.CreateClient(from: IPAddress.Parse("127.0.0.31"));

        var answers = await PostTogetherAsync(http, "account/login", [.. Enumerable.Repeat(SignIn(email, "wrong password!"), 3)]);

        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        await AssertLimitedAsync(Assert.Single(answers, a => a.StatusCode == HttpStatusCode.TooManyRequests),
            "Too many sign-in attempts from your network. Wait ");
        // The form itself still loads, and another address is not affected.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("account/login")).StatusCode);
        using (var other = new FormClient(fixture.App, IPAddress.Parse("127.0.0.32")))
            Assert.Equal(HttpStatusCode.Redirect, (await other.SignInAsync(email, Password)).StatusCode);

        // Retry-After is the server's own signal; the next window lets the right password in.
        using var client = new FormClient(fixture.App, IPAddress.Parse("127.0.0.31"));
        var deadline = Stopwatch.StartNew();
        HttpResponseMessage again;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            again = await client.SignInAsync(email, Password);
        } while (again.StatusCode == HttpStatusCode.TooManyRequests && deadline.Elapsed < TimeSpan.FromSeconds(25));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task Registrations_beyond_the_limit_are_refused_and_create_nothing()
    {
        using var http = fixture.App.CreateClient(from: IPAddress.Parse("127.0.0.33"));
        var emails = new[] { NewEmail(), NewEmail() };

        var answers = await PostTogetherAsync(http, "account/register", emails.Select(email => new Dictionary<string, string>
        {
            ["_handler"] = "register", ["Input.Email"] = email, ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password,
        }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        var refused = Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotEqual(-1, refused);
        await AssertLimitedAsync(answers[refused], "Too many accounts were created from your network. Wait ");
        using var check = new FormClient(fixture.App, IPAddress.Parse("127.0.0.34"));
        Assert.Equal(HttpStatusCode.OK, (await check.SignInAsync(emails[refused], Password)).StatusCode); // no such account: the form again
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

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CheckAsync()));

        var allowed = answers.Where(a => a.StatusCode == HttpStatusCode.OK).ToList();
        Assert.Equal(3, allowed.Count);
        Assert.Equal(0, (await allowed[0].Content.ReadFromJsonAsync<StrengthAnswer>())!.Score);
        var refused = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.TooManyRequests);

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
