namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// A test that drives a real Chromium. Without one it is skipped with the reason shown, unless
/// TASKCHAT_REQUIRE_BROWSER=1 (CI), where a missing browser must fail rather than pass quietly.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.Required)
            Skip = "Chromium not found: install Debian's chromium (/usr/bin/chromium) or set TASKCHAT_CHROMIUM. Set TASKCHAT_REQUIRE_BROWSER=1 to fail instead.";
    }
}

/// <summary>A <see cref="BrowserFactAttribute"/> with data rows (e.g. light and dark).</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (Chromium.Path is null && !Chromium.Required)
            Skip = "Chromium not found: install Debian's chromium (/usr/bin/chromium) or set TASKCHAT_CHROMIUM. Set TASKCHAT_REQUIRE_BROWSER=1 to fail instead.";
    }
}

public static class Chromium
{
    public static bool Required => Environment.GetEnvironmentVariable("TASKCHAT_REQUIRE_BROWSER") == "1";

    public static string? Path =>
        new[] { Environment.GetEnvironmentVariable("TASKCHAT_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    /// <summary>Flags that keep Chromium off the network it cannot reach here and quiet in a container.</summary>
    public static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];
}
