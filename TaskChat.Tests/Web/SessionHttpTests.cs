using System.Net;
using TaskChat.Tests.Infrastructure;
using static TaskChat.Tests.Infrastructure.TestAccounts;

namespace TaskChat.Tests.Web;

/// <summary>Signing out ends the sign-in on the server: a copy of its cookie is worth nothing after.</summary>
public sealed class SessionHttpTests(AppServerFixture fixture) : IClassFixture<AppServerFixture>
{
    private const string AuthCookie = "TaskChat.Auth";

    private static async Task AssertSignedInAsync(FormClient client) =>
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

    private static async Task AssertSentToSignInAsync(FormClient client)
    {
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    private async Task<FormClient> SignedInAsync(string email)
    {
        var client = new FormClient(fixture.App);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);
        return client;
    }

    [Fact]
    public async Task A_cookie_saved_before_sign_out_is_refused_after_it()
    {
        var email = await FormClient.RegisterNewAsync(fixture.App);
        using var browser = await SignedInAsync(email);
        using var saved = browser.CopyCookies();
        await AssertSignedInAsync(saved);

        var signedOut = await browser.SubmitAsync("/", "account/logout", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        await AssertSentToSignInAsync(browser);
        await AssertSentToSignInAsync(saved);
        Assert.Null(saved.Cookie(AuthCookie)); // and the refused cookie is cleared
    }

    [Fact]
    public async Task Signing_out_ends_that_sign_in_only()
    {
        var email = await FormClient.RegisterNewAsync(fixture.App);
        using var laptop = await SignedInAsync(email);
        using var phone = await SignedInAsync(email);

        await laptop.SubmitAsync("/", "account/logout", new Dictionary<string, string>());

        await AssertSentToSignInAsync(laptop);
        await AssertSignedInAsync(phone);
    }

    [Fact]
    public async Task Signing_out_everywhere_refuses_every_cookie_of_the_account_and_no_other()
    {
        var email = await FormClient.RegisterNewAsync(fixture.App);
        using var laptop = await SignedInAsync(email);
        using var phone = await SignedInAsync(email);
        using var savedLaptop = laptop.CopyCookies();
        using var someoneElse = await SignedInAsync(await FormClient.RegisterNewAsync(fixture.App));

        var response = await phone.SubmitAsync("/", "account/logout-everywhere", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.OriginalString);
        await AssertSentToSignInAsync(phone);
        await AssertSentToSignInAsync(laptop);
        await AssertSentToSignInAsync(savedLaptop);
        await AssertSignedInAsync(someoneElse);
        // The account itself is fine: signing in again works.
        using var again = await SignedInAsync(email);
        await AssertSignedInAsync(again);
    }

    [Fact]
    public async Task Signing_out_everywhere_without_the_antiforgery_token_is_refused()
    {
        using var client = await SignedInAsync(await FormClient.RegisterNewAsync(fixture.App));

        var response = await client.SubmitAsync("/", "account/logout-everywhere", new Dictionary<string, string>(), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertSignedInAsync(client);
    }

    [Fact]
    public async Task A_sign_in_keeps_its_session_when_identity_re_checks_the_security_stamp()
    {
        // Re-checked every second here, so the refresh of the cookie happens within the test.
        await using var app = await AppServer.StartAsync(new Dictionary<string, string> { ["Accounts:RevalidateSeconds"] = "1" });
        var email = NewEmail();
        using (var register = new FormClient(app)) await register.RegisterAsync(email, Password);
        using var client = new FormClient(app);
        await client.SignInAsync(email, Password);
        var issued = client.Cookie(AuthCookie);

        // The signal: the app re-issues the cookie after re-checking the stamp (bounded wait).
        await Eventually.TrueAsync(async () =>
        {
            if (client.Cookie(AuthCookie) != issued) return true;
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
            return false;
        }, "the cookie to be re-issued", TimeSpan.FromSeconds(20));

        await AssertSignedInAsync(client); // the re-issued cookie still names its session
        using var saved = client.CopyCookies();
        await client.SubmitAsync("/", "account/logout", new Dictionary<string, string>());
        await AssertSentToSignInAsync(saved); // and signing out still ends it
    }
}
