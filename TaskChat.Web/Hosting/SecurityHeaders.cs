using Microsoft.Extensions.Options;

namespace TaskChat.Web.Hosting;

internal static class SecurityHeaders
{
    /// <summary>
    /// What the browser may load and run for this app: its own scripts, styles, fonts and images,
    /// and its own circuit connection; nothing inline (scripts), no plugins, no framing.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; " +
        "script-src 'self'; " +
        // MudBlazor renders inline style attributes (popover positions, theme sizes) and its theme
        // provider a <style> element; a nonce cannot cover attributes, so without 'unsafe-inline'
        // Chromium refuses them and the dropdowns break. Scripts stay 'self' only.
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self'; " +
        // 'self' covers the circuit's ws:// / wss:// connection to the same host and port (CSP Level 3).
        "connect-src 'self'; " +
        "frame-ancestors 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "object-src 'none'";

    /// <summary>
    /// Adds the headers to every response, static files, error pages and redirects included: it
    /// must run before anything that can answer early (sign-in challenges, rate limits). Set when
    /// the response starts, so an exception handler clearing headers cannot drop them.
    /// </summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        var hsts = StrictTransportSecurity(app);
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                // For browsers that predate frame-ancestors.
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                // Over https only (as the browser or a trusted proxy reports it): browsers ignore
                // it over http, and a plain-http install must stay reachable.
                if (hsts is not null && context.Request.IsHttps) headers.StrictTransportSecurity = hsts;
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>
    /// Not in Development: a developer's browser would then refuse http://localhost for every
    /// app on that port for the whole max-age.
    /// </summary>
    private static string? StrictTransportSecurity(WebApplication app)
    {
        var days = app.Services.GetRequiredService<IOptions<HostingOptions>>().Value.HstsMaxAgeDays;
        return app.Environment.IsDevelopment() || days == 0 ? null : $"max-age={(long)TimeSpan.FromDays(days).TotalSeconds}";
    }
}
