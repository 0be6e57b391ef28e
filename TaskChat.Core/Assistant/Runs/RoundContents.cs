using Microsoft.Extensions.AI;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>
/// What the model said in one round, as it streamed, to send back with the tool results of the same
/// answer. Plain text pieces are joined; a content carrying provider data (Gemini's thought signatures
/// ride on text, reasoning and function-call parts) is kept whole and in its place, because the
/// provider checks that it comes back exactly where it was given.
/// </summary>
internal sealed class RoundContents
{
    private readonly List<AIContent> contents = [];

    public IList<AIContent> Contents => contents;

    public void Add(AIContent content)
    {
        switch (content)
        {
            case TextContent text when IsPlain(text) && contents.Count > 0 && contents[^1] is TextContent last && IsPlain(last):
                contents[^1] = new TextContent(last.Text + text.Text);
                break;
            case TextContent text when text.Text.Length > 0 || !IsPlain(text):
            case TextReasoningContent:
            case FunctionCallContent:
                contents.Add(content);
                break;
        }
    }

    private static bool IsPlain(AIContent content) => content.AdditionalProperties is not { Count: > 0 };
}
