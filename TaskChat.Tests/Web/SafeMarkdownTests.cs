using TaskChat.Web.Components.Chat;

namespace TaskChat.Tests.Web;

public sealed class SafeMarkdownTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;")]
    [InlineData("[click](javascript:alert(1))", "<p>click</p>")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)", "<p>x</p>")]
    [InlineData("<javascript:alert(1)>", "<p>javascript:alert(1)</p>")]
    [InlineData("![pixel](https://tracker.example/p.png)", "<a href=\"https://tracker.example/p.png\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">pixel</a>")]
    [InlineData("[docs](https://example.com)", "<a href=\"https://example.com\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">docs</a>")]
    [InlineData("**bold** and `code`", "<strong>bold</strong> and <code>code</code>")]
    public void Model_markdown_cannot_run_or_load_anything(string markdown, string expected) =>
        Assert.Contains(expected, SafeMarkdown.ToHtml(markdown).Value);

    [Fact]
    public void Unsafe_html_never_survives_as_a_tag()
    {
        var html = SafeMarkdown.ToHtml("<iframe src=x></iframe><svg onload=alert(1)> [a](vbscript:x) <a href=\"javascript:x\">y</a>").Value;
        Assert.DoesNotContain("<iframe", html);
        Assert.DoesNotContain("<svg", html);
        Assert.DoesNotContain("<a href=\"javascript", html);
        Assert.DoesNotContain("href=\"vbscript", html);
    }
}
