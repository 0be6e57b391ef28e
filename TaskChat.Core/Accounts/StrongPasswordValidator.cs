using Microsoft.AspNetCore.Identity;

namespace TaskChat.Core.Accounts;

/// <summary>Refuses guessable passwords wherever Identity sets one, saying why.</summary>
public sealed class StrongPasswordValidator : IPasswordValidator<AppUser>
{
    public const string Code = "GuessablePassword";

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var verdict = PasswordStrength.Assess(password ?? "", user.Email);
        return Task.FromResult(verdict.Acceptable
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = Code, Description = "This password is too easy to guess. " + verdict.Reason }));
    }
}
