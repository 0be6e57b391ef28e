namespace TaskChat.Web.Components.Layout;

public enum ThemeMode
{
    System,
    Light,
    Dark,
}

/// <summary>
/// Light or dark, as the user chose (or their system, by default). Kept in two cookies rather than
/// localStorage because the server renders the page: reading them at prerender paints the right
/// palette first, with no flash of the wrong one. js/theme.js keeps the system's answer fresh.
/// </summary>
public sealed record ThemePreference(ThemeMode Mode, bool SystemDark)
{
    public const string ModeCookie = "taskchat-theme";
    public const string SystemCookie = "taskchat-system-dark";

    public bool IsDark => Mode == ThemeMode.Dark || (Mode == ThemeMode.System && SystemDark);

    /// <summary>System, then light, then dark, then back to the system's.</summary>
    public ThemePreference Next() => this with
    {
        Mode = Mode switch { ThemeMode.System => ThemeMode.Light, ThemeMode.Light => ThemeMode.Dark, _ => ThemeMode.System },
    };

    public static ThemePreference From(IRequestCookieCollection? cookies) => new(
        Enum.TryParse<ThemeMode>(cookies?[ModeCookie], ignoreCase: true, out var mode) ? mode : ThemeMode.System,
        cookies?[SystemCookie] == "1");
}
