using System.Text.RegularExpressions;
using TaskChat.Core.Text;

namespace TaskChat.Core.Chat;

public static partial class ThreadRules
{
    public const int TitleMaxLength = 200;
    public const string DefaultTitle = "New chat";
    private const int AutoTitleLength = 60;

    public static string Title(string? value)
    {
        var title = Whitespace().Replace(value ?? "", " ").Trim();
        if (title.Length == 0) throw new ChatValidationException("A chat title cannot be empty.");
        if (title.Length > TitleMaxLength) throw new ChatValidationException($"A chat title must be at most {TitleMaxLength} characters.");
        if (title.Any(char.IsControl)) throw new ChatValidationException("A chat title cannot contain control characters.");
        if (DirectionControls.AnyIn(title)) throw new ChatValidationException(DirectionControls.Message("A chat title"));
        return title;
    }

    /// <summary>
    /// A thread is named after its first message: one line, cut at a word near 60 characters. A
    /// message may carry direction controls; the title is the app's, so it drops them rather than
    /// refusing the message, and a cut can never leave one unclosed to reorder the list around it.
    /// </summary>
    public static string TitleFrom(string firstMessage)
    {
        var line = new string(Whitespace().Replace(DirectionControls.Strip(firstMessage), " ").Trim().Where(c => !char.IsControl(c)).ToArray());
        if (line.Length <= AutoTitleLength) return line.Length == 0 ? DefaultTitle : line;
        var cut = line.LastIndexOf(' ', AutoTitleLength);
        return line[..(cut > AutoTitleLength / 2 ? cut : AutoTitleLength)].TrimEnd() + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
