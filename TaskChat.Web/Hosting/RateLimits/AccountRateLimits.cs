using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using TaskChat.Core;

namespace TaskChat.Web.Hosting.RateLimits;

/// <summary>
/// Per-address limits on the requests that cost a password hash or create something: signing in,
/// registering and the live password-strength check. Pages opt in with [EnableRateLimiting(name)];
/// only their POSTs count, so loading a form is never refused.
/// </summary>
public static class AccountRateLimits
{
    public const string SignIn = "sign-in";
    public const string Registration = "registration";
    public const string PasswordCheck = "password-check";

    public static void AddAccountRateLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Services.AddValidatedOptions<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.Section));
        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignIn, http => PostsPerAddress(http, limits.SignInsPerMinute, limits.Window(TimeSpan.FromMinutes(1))));
            o.AddPolicy(Registration, http => PostsPerAddress(http, limits.RegistrationsPerHour, limits.Window(TimeSpan.FromHours(1))));
            o.AddPolicy(PasswordCheck, http => PostsPerAddress(http, limits.PasswordChecksPerMinute, limits.Window(TimeSpan.FromMinutes(1))));
            o.OnRejected = (context, cancel) => RateLimitedPage.WriteAsync(context.HttpContext, RetryAfter(context.Lease), cancel);
        });
    }

    private static RateLimitPartition<string> PostsPerAddress(HttpContext http, int permits, TimeSpan window) =>
        HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress.KeyOf(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                // Refused at once with a Retry-After, never held: a queued sign-in would just look slow.
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter("not counted");

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
}
