using Microsoft.AspNetCore.Identity;
using TaskChat.Core.Accounts;

namespace TaskChat.Web.Components.Account;

/// <summary>
/// Finds the account and checks its password with exactly one hash verification, whether the
/// account exists or not. Identity's lockout is not consulted (see SignInPause): a locked account
/// answered without hashing, which told an attacker both that it existed and that it was locked.
/// </summary>
public sealed class PasswordCheck(UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, PlaceholderPassword placeholder)
{
    /// <returns>The account, if the password is its own; null for a wrong password or an unknown email alike.</returns>
    public async Task<AppUser?> CheckAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user?.PasswordHash is null)
        {
            hasher.VerifyHashedPassword(placeholder.User, placeholder.Hash, password);
            return null;
        }
        // Verifies once, and re-hashes a password stored with older settings.
        return await users.CheckPasswordAsync(user, password) ? user : null;
    }
}
