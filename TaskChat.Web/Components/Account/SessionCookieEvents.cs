using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using TaskChat.Core.Accounts;

namespace TaskChat.Web.Components.Account;

/// <summary>
/// Ties the sign-in cookie to a server-side session (<see cref="SignInSessions"/>): signing in
/// starts one and names it in the cookie, every request checks it is still there, signing out
/// ends it. Identity's security-stamp check still runs after ours.
/// </summary>
internal sealed class SessionCookieEvents(SignInSessions sessions, TimeProvider clock, ILogger<SessionCookieEvents> logger) : CookieAuthenticationEvents
{
    public override async Task SigningIn(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.FindFirst(ClaimTypes.NameIdentifier)?.Value is not { } userId)
            return;
        var ct = context.HttpContext.RequestAborted;
        // Re-issuing the cookie of a live sign-in (Identity's RefreshSignInAsync, signing in again
        // over it) keeps its session, so its open tabs stay with it; anything else is a new one.
        var session = SessionClaims.Of(context.HttpContext.User) is { } current && current.UserId == userId
            && await sessions.IsLiveAsync(userId, current.SessionId, ct)
                ? current.SessionId
                : await sessions.StartAsync(userId, context.Properties.ExpiresUtc ?? clock.GetUtcNow() + context.Options.ExpireTimeSpan, ct);
        foreach (var stale in identity.FindAll(SessionClaims.SessionId).ToList()) identity.RemoveClaim(stale);
        identity.AddClaim(new Claim(SessionClaims.SessionId, session));
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        // Every request, not every few minutes: a cookie saved before sign-out must be refused
        // right after it. One read by primary key (a write once per half of the cookie's life).
        if (SessionClaims.Of(context.Principal) is not { } session
            || !await sessions.TouchAsync(session.UserId, session.SessionId, context.Options.ExpireTimeSpan, context.HttpContext.RequestAborted))
        {
            logger.LogDebug("Refused a sign-in cookie whose session has ended");
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    public override async Task SigningOut(CookieSigningOutContext context)
    {
        // The signed-in user of this request (empty when a refused cookie is being cleared, whose
        // session is gone already).
        // Not cancelled with the request: a tab closed right after the click must not leave the
        // session (and every saved copy of its cookie) alive.
        if (SessionClaims.Of(context.HttpContext.User) is { } session)
            await sessions.EndAsync(session.UserId, session.SessionId, CancellationToken.None);
    }

    /// <summary>
    /// Signing in on the sign-in page redirects to its returnUrl; the raw value in a Location
    /// header throws on non-ASCII (a 500 that also lost the sign-in). The page then redirects
    /// again to the same safe address.
    /// </summary>
    public override Task RedirectToReturnUrl(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(ReturnUrls.Safe(context.RedirectUri));
        return Task.CompletedTask;
    }
}
