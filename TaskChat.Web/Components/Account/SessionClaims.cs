using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace TaskChat.Web.Components.Account;

/// <summary>The sign-in session a principal (a cookie, a circuit) belongs to.</summary>
internal static class SessionClaims
{
    public const string SessionId = "taskchat:session";

    /// <summary>The user and session ids, or null for a principal without both (anonymous, or a cookie from before sessions).</summary>
    public static (string UserId, string SessionId)? Of(ClaimsPrincipal? principal) =>
        principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } user && principal.FindFirstValue(SessionId) is { } session
            ? (user, session)
            : null;

    /// <summary>
    /// Identity rebuilds the principal from the database when it re-checks the security stamp;
    /// the session id is not in the database's claims, so it is carried over, or the cookie would
    /// lose its session and be refused.
    /// </summary>
    public static Task CarryOver(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(SessionId) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity identity)
            identity.AddClaim(new Claim(SessionId, session.Value));
        return Task.CompletedTask;
    }
}
