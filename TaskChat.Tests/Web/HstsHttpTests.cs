using System.Net;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Web;

/// <summary>
/// Strict-Transport-Security: sent over https (here reported by a trusted proxy, as behind a
/// TLS-terminating one) outside Development, with the max-age from Hosting:HstsMaxAgeDays.
/// </summary>
public sealed class HstsHttpTests
{
    [Theory]
    [InlineData(null, "max-age=31536000")] // the default: 365 days
    [InlineData("30", "max-age=2592000")]
    [InlineData("0", null)]                // off
    public async Task In_production_https_responses_carry_hsts_with_the_configured_max_age(string? days, string? expected)
    {
        var settings = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Hosting:TrustForwardedHeaders"] = "true" };
        if (days is not null) settings["Hosting:HstsMaxAgeDays"] = days;
        await using var app = await AppServer.StartAsync(settings);
        using var client = app.CreateClient();

        foreach (var (path, status) in new[] { ("account/login", HttpStatusCode.OK), ("/", HttpStatusCode.Redirect), ("no-such-page", HttpStatusCode.NotFound) })
        {
            var overHttps = await client.SendAsync(Get(path, "https"));
            var overHttp = await client.SendAsync(Get(path, null));

            Assert.Equal((path, status), (path, overHttps.StatusCode));
            Assert.Equal((path, expected), (path, Hsts(overHttps)));
            // Browsers ignore it over http anyway; a plain-http install must stay reachable.
            Assert.Equal((path, (string?)null), (path, Hsts(overHttp)));
        }
    }

    [Fact]
    public async Task In_development_there_is_no_hsts_even_over_https()
    {
        await using var app = await AppServer.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Hosting:TrustForwardedHeaders"] = "true",
            ["Hosting:HstsMaxAgeDays"] = "30",
        });
        using var client = app.CreateClient();

        var response = await client.SendAsync(Get("account/login", "https"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Hsts(response));
        SecurityHeaderAssertions.AssertSecurityHeaders(response);
    }

    private static HttpRequestMessage Get(string path, string? forwardedProto)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        return request;
    }

    private static string? Hsts(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Strict-Transport-Security", out var values) ? Assert.Single(values) : null;
}
