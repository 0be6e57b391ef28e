using MudBlazor;

namespace TaskChat.Web.Components.Layout;

/// <summary>TaskChat's one MudBlazor theme: a light and a dark palette, system fonts (nothing fetched from a CDN).</summary>
internal static class TaskChatTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1a56db",
            Secondary = "#6b21a8",
            AppbarBackground = "#1a56db",
            Background = "#f6f7fb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8ab4f8",
            Secondary = "#d0a6ff",
            AppbarBackground = "#1e2230",
            Background = "#14161f",
            Surface = "#1e2230",
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
