namespace TaskChat.Core.Assistant.Dates;

/// <summary>
/// What a due phrase said, before it becomes an instant: a local date and/or a local time of day, or
/// an exact instant ("in 2 hours", an ISO time with an offset). Times run 0:00–24:00 so that
/// "midnight" after a date is the end of that day.
/// </summary>
internal readonly record struct DueMoment(DateOnly? Date = null, TimeSpan? Time = null, DateTime? Utc = null)
{
    /// <summary>"tonight": 20:00 unless a time is given, and "at 9" then means 21:00.</summary>
    public bool Evening { get; init; }

    /// <summary>The time was a number without am/pm ("at 9"), so an evening date may move it past noon.</summary>
    public bool BareHour { get; init; }
}
