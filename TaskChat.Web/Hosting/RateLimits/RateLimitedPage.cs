using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.RateLimiting;

namespace TaskChat.Web.Hosting.RateLimits;

/// <summary>What a refused request gets: 429, Retry-After, and a page (or JSON for the script) saying how long to wait.</summary>
public static class RateLimitedPage
{
    public static async ValueTask WriteAsync(HttpContext http, TimeSpan retryAfter, CancellationToken cancel)
    {
        var response = http.Response;
        var wait = Refuse(response, retryAfter);

        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        if (policy == AccountRateLimits.PasswordCheck)
        {
            await response.WriteAsJsonAsync(new { message = $"Strength check paused: too many checks. It resumes in {wait}." }, cancel);
            return;
        }

        var (what, back, backText) = policy == AccountRateLimits.Registration
            ? ("Too many accounts were created from your network.", "/account/register", "Back to Create account")
            : ("Too many sign-in attempts from your network.", "/account/login", "Back to Sign in");
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(Html(what, $"Wait {wait}, then try again.", back, backText), cancel);
    }

    /// <summary>
    /// Sets 429 and Retry-After on <paramref name="response"/> (the rate limiter's refusals and the
    /// sign-in pause alike) and returns the wait in words, for the page to say.
    /// </summary>
    public static string Refuse(HttpResponse response, TimeSpan retryAfter)
    {
        var seconds = WholeSeconds(retryAfter);
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return WaitText(retryAfter);
    }

    /// <summary>"1 second", "45 seconds", "2 minutes", "12 minutes": rounded up, so waiting that long is always enough.</summary>
    public static string WaitText(TimeSpan wait)
    {
        var seconds = WholeSeconds(wait);
        return seconds < 90 ? $"{seconds} second{(seconds == 1 ? "" : "s")}" : $"{(seconds + 59) / 60} minutes";
    }

    // Retry-After takes whole seconds; rounded up, and never 0 (which would invite a retry at once).
    private static int WholeSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    // A page of its own, without the app's layout or scripts: it must render even though the
    // request never reached the app. Inline styles only (CSP allows them; no inline script).
    private static string Html(string what, string wait, string back, string backText) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1.0" />
        <title>Too many attempts · TaskChat</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 0; min-height: 100dvh; display: grid; place-items: center; background: #f5f5f5; color: #1f1f1f; }
        main { max-width: 26rem; padding: 2rem; background: #fff; border-radius: 8px; box-shadow: 0 1px 4px rgb(0 0 0 / 20%); }
        a { color: #3949ab; }
        @media (prefers-color-scheme: dark) { body { background: #1a1a27; color: #e8e8ee; } main { background: #27273a; } a { color: #9fa8da; } }
        </style>
        </head>
        <body>
        <main>
        <h1>Please wait a moment</h1>
        <p role="alert" data-testid="rate-limited">{{WebUtility.HtmlEncode(what)}} {{WebUtility.HtmlEncode(wait)}}</p>
        <p><a href="{{back}}">{{WebUtility.HtmlEncode(backText)}}</a></p>
        </main>
        </body>
        </html>
        """;
}
