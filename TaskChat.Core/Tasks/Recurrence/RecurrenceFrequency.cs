namespace TaskChat.Core.Tasks.Recurrence;

/// <summary>The RRULE frequencies a task may repeat at; anything finer than a day is not a task's rhythm.</summary>
public enum RecurrenceFrequency
{
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// <summary>A BYDAY entry: a weekday, optionally its position in the month or year (2MO, -1FR).</summary>
public sealed record RecurrenceDay(DayOfWeek Day, int? Position = null);

/// <summary>The next occurrence of a recurring task, and the rule that applies from then on (COUNT one lower).</summary>
public sealed record RecurrenceStep(DateTime DueUtc, RecurrenceRule Rule);

/// <summary>The text is not an RRULE we support; the message says which part and why.</summary>
public sealed class RecurrenceFormatException(string message) : Exception(message);
