using System.Net;
using System.Text.RegularExpressions;
using TaskChat.Tests.Infrastructure;
using static TaskChat.Tests.Infrastructure.TestAccounts;

namespace TaskChat.Tests.Web;

/// <summary>Accounts over plain HTTP against the real app process.</summary>
public sealed class AccountHttpTests(AppServerFixture fixture) : IClassFixture<AppServerFixture>
{
    /// <summary>Relative or absolute, a redirect must land on this app's own origin.</summary>
    private void AssertRedirectsTo(string pathAndQuery, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri(fixture.App.BaseAddress, pathAndQuery), new Uri(fixture.App.BaseAddress, response.Headers.Location!));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/?filter=done")]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_back(string path)
    {
        using var client = new FormClient(fixture.App);
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Register_signs_in_and_the_dashboard_renders()
    {
        using var client = new FormClient(fixture.App);
        var registered = await client.RegisterAsync(NewEmail(), Password);

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        AssertRedirectsTo("/", registered);
        var dashboard = await client.GetStringAsync("/");
        Assert.Contains("data-testid=\"task-list\"", dashboard);
        Assert.Contains("No tasks yet.", dashboard);
        // Prerendered: the circuit is not up yet, and the indicator says so.
        Assert.Contains("data-testid=\"connection-status\" data-state=\"connecting\"", dashboard);
    }

    [Fact]
    public async Task Sign_in_then_sign_out()
    {
        var email = NewEmail();
        using (var first = new FormClient(fixture.App)) await first.RegisterAsync(email, Password);

        using var client = new FormClient(fixture.App);
        var signedIn = await client.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var signedOut = await client.SubmitAsync("/", "account/logout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        AssertRedirectsTo("/account/login", signedOut);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused()
    {
        using var client = new FormClient(fixture.App);
        await client.RegisterAsync(NewEmail(), Password);

        var response = await client.SubmitAsync("/", "account/logout", new Dictionary<string, string>(), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode); // still signed in
    }

    [Fact]
    public async Task Forms_without_the_antiforgery_token_are_refused()
    {
        using var client = new FormClient(fixture.App);
        var response = await client.SubmitAsync("account/register", "account/register", new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["Input.Email"] = NewEmail(),
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>Whatever the returnUrl, the right password signs in and lands on this site.</summary>
    public static TheoryData<string, string> BadReturnUrls => new()
    {
        { "%2F%2Fevil.example%2F", "/" },
        { "https%3A%2F%2Fevil.example%2F", "/" },
        { "javascript:alert(1)", "/" },
        { "%2F%5Cevil.example", "/" },
        { "%5C%5Cevil.example", "/" },
        { "%20%2F%2Fevil.example", "/" },
        { "%2F%09%2Fevil.example", "/" },
        { "%2F%00", "/" },
        { "%2Fa%0D%0ALocation:%20https://evil.example", "/" },
        { "/%C2%A0/x", "/%C2%A0/x" },
        { "%2F%E2%9C%93%F0%9F%98%80", "/%E2%9C%93%F0%9F%98%80" },
        { "%2Ftasks%5Cevil", "/tasks%5Cevil" },
        { "/%ZZ", "/%25ZZ" },
        { "%2F" + new string('a', 3000), "/" },
        { "%2F" + string.Concat(Enumerable.Repeat("%C3%A9", 1000)), "/" },
    };

    [Theory]
    [MemberData(nameof(BadReturnUrls))]
    public async Task Any_returnUrl_signs_in_and_lands_on_this_site(string returnUrl, string landing)
    {
        var email = NewEmail();
        using (var first = new FormClient(fixture.App)) await first.RegisterAsync(email, Password);
        using var client = new FormClient(fixture.App);

        var response = await client.SignInAsync(email, Password, "?returnUrl=" + returnUrl);

        AssertRedirectsTo(landing, response);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_returns_to_the_page_that_asked()
    {
        var email = NewEmail();
        using (var first = new FormClient(fixture.App)) await first.RegisterAsync(email, Password);
        using var client = new FormClient(fixture.App);

        var response = await client.SignInAsync(email, Password, "?returnUrl=%2F%3Ffilter%3Ddone");

        AssertRedirectsTo("/?filter=done", response);
    }

    [Theory]
    [InlineData("not-an-email", Password, Password, "Enter a valid email address.")]
    [InlineData("{email}", "short", "short", "Password must be 8 to 128 characters.")]
    [InlineData("{email}", Password, "different password", "The passwords do not match.")]
    [InlineData("{email}", "12345678", "12345678", "This password is too easy to guess. It is one of the most common passwords.")]
    [InlineData("{email}", "password", "password", "This password is too easy to guess. It is one of the most common passwords.")]
    [InlineData("{email}", "{local}2024!", "{local}2024!", "This password is too easy to guess. It is built on your email address")]
    public async Task Registration_problems_are_explained_and_create_nothing(string email, string password, string confirm, string message)
    {
        email = email.Replace("{email}", NewEmail());
        (password, confirm) = (password.Replace("{local}", email.Split('@')[0]), confirm.Replace("{local}", email.Split('@')[0]));
        using var client = new FormClient(fixture.App);

        var response = await client.RegisterAsync(email, password, confirm);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html);
        AssertNotEchoed(html, password, confirm);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_refused_sign_in_comes_back_with_the_email_but_not_the_password()
    {
        var email = NewEmail();
        // From an address of its own: the failure counts toward that address's sign-in pause.
        using var client = new FormClient(fixture.App, System.Net.IPAddress.Parse("127.0.0.40"));

        var html = await (await client.SignInAsync(email, "my secret guess")).Content.ReadAsStringAsync();

        Assert.Contains("Wrong email or password.", html);
        Assert.Contains($"value=\"{email}\"", html);
        AssertNotEchoed(html, "my secret guess");
    }

    // A password written back into the page would sit in its HTML: in history, caches and the page source.
    private static void AssertNotEchoed(string html, params string[] passwords)
    {
        foreach (var password in passwords)
            Assert.DoesNotContain($"value=\"{System.Net.WebUtility.HtmlEncode(password)}\"", html);
    }

    [Fact]
    public async Task A_taken_email_is_reported_once_plainly()
    {
        var email = NewEmail();
        using (var first = new FormClient(fixture.App)) await first.RegisterAsync(email, Password);
        using var client = new FormClient(fixture.App);

        var html = await (await client.RegisterAsync(email.ToUpperInvariant(), Password)).Content.ReadAsStringAsync();

        Assert.Single(Regex.Matches(html, "already exists"));
    }

    [Fact]
    public async Task Theme_styles_and_scripts_are_served_outside_development()
    {
        using var client = new FormClient(fixture.App);
        var page = await client.GetStringAsync("account/login");

        var assets = Regex.Matches(page, "(?:href|src)=\"([^\"]+\\.(?:css|js))\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(assets, a => a.StartsWith("_content/MudBlazor/MudBlazor.min") && a.EndsWith(".css"));
        Assert.Contains(assets, a => a.EndsWith(".styles.css"));
        foreach (var asset in assets)
            Assert.True((await client.GetAsync(asset)).IsSuccessStatusCode, asset);
    }
}
