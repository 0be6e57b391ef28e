using Microsoft.AspNetCore.Identity;

namespace TaskChat.Core.Accounts;

public sealed class AppUser : IdentityUser
{
    /// <summary>
    /// The user's IANA time zone, reported by their browser. Stored rather than read per request
    /// because server-side work (the assistant resolving "tomorrow") runs without a browser.
    /// </summary>
    public string? TimeZone { get; set; }
}
