using System.ComponentModel.DataAnnotations;

namespace TaskChat.Web.Hosting.RateLimits;

/// <summary>The "RateLimits" section: how many account requests one client address may make.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, 100_000, ErrorMessage = "RateLimits:SignInsPerMinute must be between {1} and {2}.")]
    public int SignInsPerMinute { get; set; } = 10;

    [Range(1, 100_000, ErrorMessage = "RateLimits:RegistrationsPerHour must be between {1} and {2}.")]
    public int RegistrationsPerHour { get; set; } = 5;

    [Range(1, 100_000, ErrorMessage = "RateLimits:PasswordChecksPerMinute must be between {1} and {2}.")]
    public int PasswordChecksPerMinute { get; set; } = 120;

    /// <summary>
    /// When set, every window (the minute, the hour) lasts this many seconds instead: for tests and
    /// drills that must see a limit pass without waiting an hour. 0 keeps the natural windows.
    /// </summary>
    [Range(0, 24 * 60 * 60, ErrorMessage = "RateLimits:WindowSeconds must be between {1} and {2} seconds.")]
    public int WindowSeconds { get; set; }

    public TimeSpan Window(TimeSpan natural) => WindowSeconds > 0 ? TimeSpan.FromSeconds(WindowSeconds) : natural;
}
