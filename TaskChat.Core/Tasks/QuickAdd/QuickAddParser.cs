namespace TaskChat.Core.Tasks.QuickAdd;

/// <summary>
/// The one quick-add grammar, for the add box, the editor and the offline assistant:
/// "Pay rent every month on the 1st p1 #home" → title "Pay rent", a monthly RRULE, its first due
/// date, high priority and the tag "home", with each recognised piece as a removable part.
/// </summary>
/// <remarks>
/// Nothing is dropped silently: a character is either in the title or inside exactly one part.
/// What is not understood (a lone "every", "mp1", the "3" in "3 dogs", an address with a "#") stays in
/// the title as written. Dates read as in <see cref="Assistant.Dates.DuePhrase"/>, in the user's zone;
/// a repeat's first due date is its first occurrence on or after now.
/// </remarks>
public static class QuickAddParser
{
    private static readonly IReadOnlySet<int> Nothing = new HashSet<int>();

    public static QuickAddParse Parse(string text, DateTime nowUtc, TimeZoneInfo zone) => Parse(text, nowUtc, zone, Nothing);

    /// <summary>
    /// As <see cref="Parse(string, DateTime, TimeZoneInfo)"/>, leaving in the title, as text, the
    /// parts starting at <paramref name="ignore"/>: the chips the user removed.
    /// </summary>
    public static QuickAddParse Parse(string text, DateTime nowUtc, TimeZoneInfo zone, IReadOnlySet<int> ignore)
    {
        var parse = new QuickAddScan(text ?? "", nowUtc, zone, ignore).Run();
        // A task needs a name. When every word was recognised ("tomorrow p1"), the date words go back to
        // being the title (else the repeat, else the priority, else the first tag): the name is then
        // words the user typed, and title and chips still never share a character.
        if (parse.Title.Length == 0 && parse.Parts.Count > 0)
        {
            var giveBack = parse.Parts.OrderBy(p => p.Kind).ThenBy(p => p.Start).First();
            return Parse(text ?? "", nowUtc, zone, new HashSet<int>(ignore) { giveBack.Start });
        }
        return parse;
    }
}
