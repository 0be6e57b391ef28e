using System.Security.Claims;

namespace TaskChat.Web.Components.Account;

/// <summary>Is a signed-in principal still good: the account exists and its security stamp is the one signed in with.</summary>
public interface ISessionCheck
{
    Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken ct);
}
