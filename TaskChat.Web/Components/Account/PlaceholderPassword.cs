using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TaskChat.Core.Accounts;

namespace TaskChat.Web.Components.Account;

/// <summary>
/// A hash of a random password, made once with the same hasher settings as real accounts: a
/// sign-in for an unknown email verifies against it, so it costs the same as a wrong password for
/// a real one, and the time taken does not tell which addresses have accounts.
/// </summary>
public sealed class PlaceholderPassword(IOptions<PasswordHasherOptions> options)
{
    private readonly Lazy<string> hash = new(() =>
        new PasswordHasher<AppUser>(options).HashPassword(new AppUser(), RandomNumberGenerator.GetHexString(32)));

    public AppUser User { get; } = new();

    public string Hash => hash.Value;
}
