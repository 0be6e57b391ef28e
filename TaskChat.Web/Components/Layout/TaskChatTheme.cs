using MudBlazor;

namespace TaskChat.Web.Components.Layout;

/// <summary>
/// TaskChat's one MudBlazor theme: a light and a dark palette, system fonts (nothing fetched from a
/// CDN). Text colours are picked for at least 4.5:1 against the surfaces they sit on (WCAG AA), which
/// MudBlazor's translucent defaults (secondary text at 54 % / 50 %) do not always reach.
/// </summary>
internal static class TaskChatTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1a56db",
            Secondary = "#6b21a8",
            Tertiary = "#0f766e",
            AppbarBackground = "#1a56db",
            AppbarText = "#ffffff",
            Background = "#f6f7fb",
            Surface = "#ffffff",
            TextPrimary = "#1f2937",
            TextSecondary = "#4b5563",
            TextDisabled = "#6b7280",
            ActionDefault = "#4b5563",
            LinesDefault = "#e2e5ec",
            LinesInputs = "#8a93a3",
            Divider = "#e2e5ec",
            Error = "#b91c1c",
            Warning = "#b45309",
            Success = "#15803d",
            Info = "#1d4ed8",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8ab4f8",
            PrimaryContrastText = "#0b1b3a",
            Secondary = "#d0a6ff",
            Tertiary = "#5eead4",
            AppbarBackground = "#1e2230",
            AppbarText = "#e8eaf0",
            Background = "#14161f",
            Surface = "#1e2230",
            DrawerBackground = "#1e2230",
            TextPrimary = "#e8eaf0",
            TextSecondary = "#b4bac8",
            TextDisabled = "#8b92a3",
            ActionDefault = "#b4bac8",
            LinesDefault = "#343a4d",
            LinesInputs = "#7d869a",
            Divider = "#343a4d",
            Error = "#ff8a80",
            ErrorContrastText = "#3b0a06",
            Warning = "#fbbf24",
            WarningContrastText = "#2b1a00",
            Success = "#6ee7a0",
            SuccessContrastText = "#05301a",
            Info = "#93c5fd",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
