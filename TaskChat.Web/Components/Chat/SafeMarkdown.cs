using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;

namespace TaskChat.Web.Components.Chat;

/// <summary>
/// Markdown from the model (or echoed from a task title) rendered so it cannot run or load anything:
/// raw HTML is shown as text, links survive only for http(s) and mailto and open in a new tab
/// without access to this page, and images become plain links (no remote loads, no tracking).
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UsePipeTables()
        .UseTaskLists()
        .UseEmphasisExtras()
        .Build();

    public static MarkupString ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafe(link.Url))
            {
                link.ReplaceBy(new LiteralInline(PlainText(link)), copyChildren: false);
                continue;
            }
            link.IsImage = false;
            OpenElsewhere(link);
        }
        // <scheme:...> autolinks are their own inline type: the same rules apply.
        foreach (var link in document.Descendants<AutolinkInline>().ToList())
        {
            if (IsSafe(link.Url)) OpenElsewhere(link);
            else link.ReplaceBy(new LiteralInline(link.Url), copyChildren: false);
        }
        return new MarkupString(document.ToHtml(Pipeline));
    }

    private static void OpenElsewhere(Inline link)
    {
        var attributes = link.GetAttributes();
        attributes.AddPropertyIfNotExist("target", "_blank");
        attributes.AddPropertyIfNotExist("rel", "noopener noreferrer nofollow");
    }

    private static bool IsSafe(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";

    private static string PlainText(ContainerInline container) =>
        string.Concat(container.Select(inline => inline switch
        {
            LiteralInline literal => literal.Content.ToString(),
            CodeInline code => code.Content,
            ContainerInline nested => PlainText(nested),
            _ => "",
        }));
}
