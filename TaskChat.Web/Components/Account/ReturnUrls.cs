namespace TaskChat.Web.Components.Account;

internal static class ReturnUrls
{
    /// <summary>
    /// Only paths on this site: "//evil.example" and "/\evil.example" are other sites to a browser,
    /// and browsers drop tabs and newlines, so "/\t/evil.example" is too.
    /// </summary>
    public static string Safe(string? returnUrl) =>
        returnUrl is ['/', ..] && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\") && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : "/";
}
