using System.Net;
using System.Text.RegularExpressions;
using TaskChat.Tests.Infrastructure;
using static TaskChat.Tests.Infrastructure.TestAccounts;

namespace TaskChat.Tests.Web;

/// <summary>One app that pauses an address after 3 failed sign-ins; each test connects from its own loopback addresses.</summary>
public sealed class PausingAppFixture() : AppServerFixture(new Dictionary<string, string>
{
    ["Accounts:MaxFailedSignIns"] = "3",
    ["Accounts:LockoutMinutes"] = "1",
    ["Accounts:MaxLockoutMinutes"] = "60",
});

/// <summary>
/// Sign-in over HTTP: one answer for every failure, failures pause the address they come from and
/// never the account, and an unknown email costs what a real one does.
/// </summary>
public sealed partial class SignInPauseHttpTests(PausingAppFixture fixture) : IClassFixture<PausingAppFixture>
{
    // Accounts are made from an address of their own, which no test's failures pause.
    private Task<string> RegisterAsync() => FormClient.RegisterNewAsync(fixture.App, IPAddress.Parse("127.0.0.20"));

    private static async Task<string> AlertOf(HttpResponseMessage response) =>
        AlertPattern().Match(await response.Content.ReadAsStringAsync()) is { Success: true } m
            ? Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<[^>]+>", " ")), @"\s+", " ").Trim()
            : "(no alert)";

    [GeneratedRegex("data-testid=\"account-error\".*?class=\"mud-alert-message\"[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex AlertPattern();

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_answer()
    {
        var email = await RegisterAsync();
        using var client = new FormClient(fixture.App, IPAddress.Parse("127.0.0.21"));

        var wrongPassword = await client.SignInAsync(email, "wrong password!");
        var unknownEmail = await client.SignInAsync(NewEmail(), "wrong password!");

        Assert.Equal((HttpStatusCode.OK, "Wrong email or password."), (wrongPassword.StatusCode, await AlertOf(wrongPassword)));
        Assert.Equal((HttpStatusCode.OK, "Wrong email or password."), (unknownEmail.StatusCode, await AlertOf(unknownEmail)));
    }

    [Fact]
    public async Task Failures_pause_the_address_they_come_from_and_never_the_owner_elsewhere()
    {
        var email = await RegisterAsync();
        using var attacker = new FormClient(fixture.App, IPAddress.Parse("127.0.0.22"));

        // Known and unknown emails alike count against the address: spraying is slowed too.
        Assert.Equal("Wrong email or password.", await AlertOf(await attacker.SignInAsync(email, "guess one")));
        Assert.Equal("Wrong email or password.", await AlertOf(await attacker.SignInAsync(NewEmail(), "guess two")));
        var third = await attacker.SignInAsync(email, "guess three");
        Assert.Equal("Wrong email or password. Too many failed sign-ins from your network: wait 60 seconds before trying again.", await AlertOf(third));

        // Paused: even the right password is not looked at, and nothing says whether the account exists.
        foreach (var target in new[] { email, NewEmail() })
        {
            var paused = await attacker.SignInAsync(target, Password);
            Assert.Equal(HttpStatusCode.TooManyRequests, paused.StatusCode);
            Assert.InRange(int.Parse(paused.Headers.GetValues("Retry-After").Single()), 1, 60);
            Assert.StartsWith("Too many failed sign-ins from your network. Wait ", await AlertOf(paused));
            Assert.True(paused.Headers.Contains("Content-Security-Policy"));
        }
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.GetAsync("/")).StatusCode);

        using var owner = new FormClient(fixture.App, IPAddress.Parse("127.0.0.23"));
        var signedIn = await owner.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/")).StatusCode);
    }
}
