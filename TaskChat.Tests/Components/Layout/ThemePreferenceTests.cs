using Microsoft.AspNetCore.Http;
using TaskChat.Web.Components.Layout;

namespace TaskChat.Tests.Components.Layout;

public sealed class ThemePreferenceTests
{
    private static ThemePreference FromCookies(string header)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Cookie = header;
        return ThemePreference.From(http.Request.Cookies);
    }

    [Fact]
    public void Without_cookies_it_follows_the_system_and_guesses_light() =>
        Assert.Equal(new ThemePreference(ThemeMode.System, false), FromCookies(""));

    [Theory]
    [InlineData("taskchat-system-dark=1", true)]
    [InlineData("taskchat-system-dark=0", false)]
    [InlineData("taskchat-theme=light; taskchat-system-dark=1", false)]
    [InlineData("taskchat-theme=dark; taskchat-system-dark=0", true)]
    [InlineData("taskchat-theme=nonsense; taskchat-system-dark=1", true)]
    public void An_explicit_choice_wins_over_the_system(string cookies, bool dark) =>
        Assert.Equal(dark, FromCookies(cookies).IsDark);

    [Fact]
    public void The_toggle_steps_system_light_dark_and_back()
    {
        var system = new ThemePreference(ThemeMode.System, true);
        Assert.Equal([ThemeMode.Light, ThemeMode.Dark, ThemeMode.System],
            new[] { system.Next(), system.Next().Next(), system.Next().Next().Next() }.Select(p => p.Mode));
        Assert.True(system.Next().Next().Next().IsDark); // back to the system's, still known
    }
}
