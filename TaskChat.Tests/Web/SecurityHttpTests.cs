using System.Net;
using TaskChat.Tests.Infrastructure;
using static TaskChat.Tests.Infrastructure.TestAccounts;

namespace TaskChat.Tests.Web;

/// <summary>Response headers and cookie flags, over plain HTTP against the real app process.</summary>
public sealed class SecurityHttpTests(AppServerFixture fixture) : IClassFixture<AppServerFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("account/login")]
    [InlineData("app.css")]
    [InlineData("favicon.svg")]
    [InlineData("_framework/blazor.web.js")]
    [InlineData("no-such-page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = new FormClient(fixture.App);
        await client.RegisterAsync(NewEmail(), Password);

        var response = await client.GetAsync(path);

        Assert.Equal(path == "no-such-page" ? HttpStatusCode.NotFound : HttpStatusCode.OK, response.StatusCode);
        SecurityHeaderAssertions.AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("/", HttpStatusCode.Redirect)]          // the sign-in challenge
    [InlineData("account/login", HttpStatusCode.OK)]
    [InlineData("app.css", HttpStatusCode.OK)]
    [InlineData("no-such-page", HttpStatusCode.NotFound)]
    public async Task Anonymous_responses_and_the_redirect_to_sign_in_carry_them_too(string path, HttpStatusCode status)
    {
        using var client = fixture.App.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        if (status == HttpStatusCode.Redirect) Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        SecurityHeaderAssertions.AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Over_http_cookies_are_httponly_samesite_and_not_secure()
    {
        var cookies = await RegisterAsync(fixture.App, forwardedProto: "https"); // not trusted by default

        var antiforgery = Flags(Assert.Single(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.")));
        Assert.Contains("httponly", antiforgery);
        Assert.Contains("samesite=strict", antiforgery);
        Assert.DoesNotContain("secure", antiforgery);
        var auth = Flags(Assert.Single(cookies, c => c.StartsWith("TaskChat.Auth=")));
        Assert.Contains("httponly", auth);
        Assert.Contains("samesite=lax", auth);
        Assert.DoesNotContain("secure", auth);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_that_reports_https_cookies_are_secure_and_only_then()
    {
        await using var app = await AppServer.StartAsync(new Dictionary<string, string> { ["Hosting:TrustForwardedHeaders"] = "true" });

        var viaHttps = await RegisterAsync(app, forwardedProto: "https");
        var viaHttp = await RegisterAsync(app, forwardedProto: null);

        Assert.All(viaHttps, c => Assert.Contains("secure", Flags(c)));
        Assert.Contains(viaHttps, c => c.StartsWith("TaskChat.Auth="));
        Assert.Contains(viaHttps, c => c.StartsWith(".AspNetCore.Antiforgery."));
        Assert.All(viaHttp, c => Assert.DoesNotContain("secure", Flags(c)));
        Assert.Contains(viaHttp, c => c.StartsWith("TaskChat.Auth="));
    }

    /// <summary>
    /// Registers by hand, forwarding cookies itself: a cookie jar would not send a Secure cookie
    /// over http, yet behind a proxy that is exactly how the app receives it. Returns every
    /// Set-Cookie.
    /// </summary>
    private static async Task<IReadOnlyList<string>> RegisterAsync(AppServer app, string? forwardedProto)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var page = await http.SendAsync(Request(HttpMethod.Get, "account/register", forwardedProto));
        page.EnsureSuccessStatusCode();
        var first = SetCookies(page);

        var post = Request(HttpMethod.Post, "account/register", forwardedProto);
        post.Headers.Add("Cookie", string.Join("; ", first.Select(c => c.Split(';')[0])));
        post.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["__RequestVerificationToken"] = FormClient.TokenIn(await page.Content.ReadAsStringAsync()),
            ["Input.Email"] = NewEmail(),
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });
        var registered = await http.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        return [.. first, .. SetCookies(registered)];
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? forwardedProto)
    {
        var request = new HttpRequestMessage(method, path);
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        return request;
    }

    private static List<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    /// <summary>A Set-Cookie's attributes (everything after name=value), lower-cased.</summary>
    private static string[] Flags(string setCookie) =>
        [.. setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant())];
}
