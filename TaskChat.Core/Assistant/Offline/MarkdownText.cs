using System.Text;

namespace TaskChat.Core.Assistant.Offline;

/// <summary>
/// Puts user-supplied text (titles, tags, search words) into a markdown answer so it shows exactly as
/// typed: a title like <c>**x**&lt;script&gt;</c> must not turn into bold text or HTML.
/// </summary>
internal static class MarkdownText
{
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            // Answers are built line by line; a newline inside a value would end a list item early.
            if (c is '\r' or '\n') { escaped.Append(' '); continue; }
            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '~' or '|') escaped.Append('\\');
            escaped.Append(c);
        }
        // Only at the start of a line does "#" make a heading.
        if (escaped.Length > 0 && escaped[0] == '#') escaped.Insert(0, '\\');
        return escaped.ToString();
    }

    public static string Bold(string text) => $"**{Escape(text)}**";
}
