using System.Text;

namespace TaskChat.Web.Components.Account;

internal static class ReturnUrls
{
    /// <summary>Longer than any address this app makes; a longer one is not worth carrying.</summary>
    private const int MaxLength = 2048;

    /// <summary>
    /// A path on this site to go to after signing in, safe to put in a Location header; "/" for
    /// anything else. Only paths: "//evil.example" and "/\evil.example" are other sites to a
    /// browser, and browsers drop tabs and newlines, so "/\t/evil.example" is too. Whatever is not
    /// plain URL text (non-ASCII, spaces, backslashes, a stray "%") is percent-encoded: a header
    /// cannot carry it raw.
    /// </summary>
    public static string Safe(string? returnUrl)
    {
        if (returnUrl is not ['/', ..] || returnUrl.StartsWith("//") || returnUrl.StartsWith("/\\") || returnUrl.Any(char.IsControl))
            return "/";
        var encoded = Encode(returnUrl);
        return encoded.Length <= MaxLength ? encoded : "/";
    }

    private static string Encode(string url)
    {
        var result = new StringBuilder(url.Length);
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (IsUrlText(c) || (c == '%' && i + 2 < url.Length && Uri.IsHexDigit(url[i + 1]) && Uri.IsHexDigit(url[i + 2])))
            {
                result.Append(c);
                continue;
            }
            // A surrogate pair is one character to encode; a lone surrogate becomes U+FFFD.
            var length = char.IsHighSurrogate(c) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1]) ? 2 : 1;
            foreach (var b in Encoding.UTF8.GetBytes(url.Substring(i, length))) result.Append('%').Append(b.ToString("X2"));
            i += length - 1;
        }
        return result.ToString();
    }

    // RFC 3986's unreserved and reserved characters: the ones a URL may hold as they are.
    private static bool IsUrlText(char c) =>
        char.IsAsciiLetterOrDigit(c) || "-._~:/?#[]@!$&'()*+,;=".Contains(c);
}
