using System.ComponentModel.DataAnnotations;

namespace TaskChat.Core.Accounts;

/// <summary>The "Accounts" section: lockout and how often a signed-in tab re-checks its sign-in.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    [Range(1, 1000, ErrorMessage = "Accounts:MaxFailedSignIns must be between {1} and {2}.")]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(1, 7 * 24 * 60, ErrorMessage = "Accounts:LockoutMinutes must be between {1} and {2} minutes.")]
    public int LockoutMinutes { get; set; } = 5;

    [Range(1, 24 * 60 * 60, ErrorMessage = "Accounts:RevalidateSeconds must be between {1} and {2} seconds.")]
    public int RevalidateSeconds { get; set; } = 60;

    [Range(0, 60 * 60, ErrorMessage = "Accounts:ActivityCheckSeconds must be between {1} and {2} seconds.")]
    public int ActivityCheckSeconds { get; set; } = 3;
}
