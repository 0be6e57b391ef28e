namespace TaskChat.Core.Text;

/// <summary>
/// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). They are not control
/// characters to .NET, but they reorder what is shown: "‮txt.exe" reads as "exe.txt". What a person
/// types is refused with <see cref="Message"/> (what is stored is exactly what they typed, or they
/// are told why not); text the app derives on its own, such as a chat's automatic title, drops them.
/// </summary>
public static class DirectionControls
{
    private static bool IsDirectionControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    public static bool AnyIn(string value) => value.Any(IsDirectionControl);

    public static string Strip(string value) => AnyIn(value) ? new string(value.Where(c => !IsDirectionControl(c)).ToArray()) : value;

    /// <summary>The refusal, naming the field: "Title cannot contain text-direction control characters …".</summary>
    public static string Message(string field) =>
        $"{field} cannot contain text-direction control characters (U+202A–U+202E, U+2066–U+2069): they can make it display differently from what it says.";
}
