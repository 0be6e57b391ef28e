namespace TaskChat.Core.Tasks.QuickAdd;

/// <summary>What the quick-add box understood in a line of text; Title is everything it did not.</summary>
/// <param name="DueUtc">The first due instant; a day without a time is due at 23:59 local (<see cref="Assistant.Dates.DuePhrase.EndOfDay"/>).</param>
/// <param name="Recurrence">An RFC 5545 RRULE value without the "RRULE:" prefix; the time of day lives in the due date.</param>
public sealed record QuickAddParse(
    string Title,
    DateTime? DueUtc,
    bool DueHasTime,
    string? Recurrence,
    TaskPriority? Priority,
    IReadOnlyList<string> Tags,
    IReadOnlyList<QuickAddPart> Parts);

public enum QuickAddPartKind
{
    Due,
    Repeat,
    Priority,
    Tag,
}

/// <summary>
/// One recognised piece, for a chip: where it sits in the original text (so removing the chip can put
/// the text back by passing <see cref="Start"/> to the parser's ignore set) and a short label.
/// </summary>
public sealed record QuickAddPart(QuickAddPartKind Kind, int Start, int Length, string Label)
{
    public int End => Start + Length;
}
