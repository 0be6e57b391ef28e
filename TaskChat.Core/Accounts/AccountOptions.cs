using System.ComponentModel.DataAnnotations;

namespace TaskChat.Core.Accounts;

/// <summary>
/// The "Accounts" section: how failed sign-ins pause the address they come from, and how often a
/// signed-in tab re-checks its sign-in.
/// </summary>
public sealed class AccountOptions : IValidatableObject
{
    public const string Section = "Accounts";

    /// <summary>Failed sign-ins one client address may make before it is paused.</summary>
    [Range(1, 1000, ErrorMessage = "Accounts:MaxFailedSignIns must be between {1} and {2}.")]
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>The first pause; every further failure from the same address doubles it.</summary>
    [Range(1, 24 * 60, ErrorMessage = "Accounts:LockoutMinutes must be between {1} and {2} minutes.")]
    public int LockoutMinutes { get; set; } = 1;

    /// <summary>The longest pause, and how long an address stays remembered after its last one.</summary>
    [Range(1, 7 * 24 * 60, ErrorMessage = "Accounts:MaxLockoutMinutes must be between {1} and {2} minutes.")]
    public int MaxLockoutMinutes { get; set; } = 60;

    [Range(1, 24 * 60 * 60, ErrorMessage = "Accounts:RevalidateSeconds must be between {1} and {2} seconds.")]
    public int RevalidateSeconds { get; set; } = 60;

    [Range(0, 60 * 60, ErrorMessage = "Accounts:ActivityCheckSeconds must be between {1} and {2} seconds.")]
    public int ActivityCheckSeconds { get; set; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxLockoutMinutes < LockoutMinutes)
            yield return new ValidationResult(
                $"Accounts:MaxLockoutMinutes ({MaxLockoutMinutes}) must be at least Accounts:LockoutMinutes ({LockoutMinutes}).",
                [nameof(MaxLockoutMinutes)]);
    }
}
