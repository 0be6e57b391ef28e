namespace TaskChat.Tests.Infrastructure;

/// <summary>Shared by every test that gets a response from the app, whatever answered it (a page, a redirect, a refusal).</summary>
public static class SecurityHeaderAssertions
{
    /// <summary>The headers every response of the app carries, whatever its status.</summary>
    public static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var headers = response.Headers;
        var where = $" (on {(int)response.StatusCode} {response.RequestMessage?.RequestUri?.PathAndQuery})";
        Assert.True(headers.Contains("Content-Security-Policy"), "Content-Security-Policy is missing" + where);
        Assert.Equal(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
            "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
            Assert.Single(headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(headers.GetValues("Referrer-Policy")));
        Assert.Equal("camera=(), microphone=(), geolocation=()", Assert.Single(headers.GetValues("Permissions-Policy")));
    }
}
