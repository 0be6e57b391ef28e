using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TaskChat.Core.Accounts;

namespace TaskChat.Web.Components.Account;

/// <summary>
/// A sign-out (of this session, or everywhere), a password change (or anything else that renews
/// the security stamp) and a deleted account end every sign-in they cover. A lockout from failed
/// sign-ins does not: otherwise anyone who knows an email could sign its owner out of open tabs by
/// typing wrong passwords. Shutting a user out on purpose means renewing their stamp.
/// </summary>
internal sealed class SessionCheck(IServiceScopeFactory scopeFactory, SignInSessions sessions, IOptions<IdentityOptions> options) : ISessionCheck
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (SessionClaims.Of(principal) is not { } session || !await sessions.IsLiveAsync(session.UserId, session.SessionId, ct))
            return false;
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
    }
}
