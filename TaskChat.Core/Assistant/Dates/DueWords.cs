namespace TaskChat.Core.Assistant.Dates;

/// <summary>The vocabulary of due phrases: month and weekday names, counted units, number words.</summary>
internal static class DueWords
{
    public static readonly IReadOnlyDictionary<string, int> Months = new Dictionary<string, int>
    {
        ["january"] = 1, ["jan"] = 1, ["february"] = 2, ["feb"] = 2, ["march"] = 3, ["mar"] = 3,
        ["april"] = 4, ["apr"] = 4, ["may"] = 5, ["june"] = 6, ["jun"] = 6, ["july"] = 7, ["jul"] = 7,
        ["august"] = 8, ["aug"] = 8, ["september"] = 9, ["sep"] = 9, ["sept"] = 9, ["october"] = 10,
        ["oct"] = 10, ["november"] = 11, ["nov"] = 11, ["december"] = 12, ["dec"] = 12,
    };

    // "wed", "sat" and "sun" are left out: inside a task title they are far more often words
    // ("sun cream") than days.
    public static readonly IReadOnlyDictionary<string, DayOfWeek> Weekdays = new Dictionary<string, DayOfWeek>
    {
        ["monday"] = DayOfWeek.Monday, ["mon"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday, ["tue"] = DayOfWeek.Tuesday, ["tues"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday, ["thu"] = DayOfWeek.Thursday, ["thur"] = DayOfWeek.Thursday, ["thurs"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday, ["fri"] = DayOfWeek.Friday,
        ["saturday"] = DayOfWeek.Saturday, ["sunday"] = DayOfWeek.Sunday,
    };

    public enum Unit { Minute, Hour, Day, Week, Month }

    public static readonly IReadOnlyDictionary<string, Unit> Units = new Dictionary<string, Unit>
    {
        ["minute"] = Unit.Minute, ["minutes"] = Unit.Minute, ["min"] = Unit.Minute, ["mins"] = Unit.Minute,
        ["hour"] = Unit.Hour, ["hours"] = Unit.Hour, ["hr"] = Unit.Hour, ["hrs"] = Unit.Hour,
        ["day"] = Unit.Day, ["days"] = Unit.Day,
        ["week"] = Unit.Week, ["weeks"] = Unit.Week,
        ["month"] = Unit.Month, ["months"] = Unit.Month,
    };

    public static readonly IReadOnlyDictionary<string, int> Numbers = new Dictionary<string, int>
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5,
        ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
    };

    /// <summary>Parts of the day a date can be narrowed to: "friday evening".</summary>
    public static readonly IReadOnlyDictionary<string, TimeSpan> PartsOfDay = new Dictionary<string, TimeSpan>
    {
        ["morning"] = new(9, 0, 0), ["afternoon"] = new(15, 0, 0), ["evening"] = new(18, 0, 0), ["night"] = new(20, 0, 0),
    };

    /// <summary>Words that may lead a due phrase without changing it: "by friday", "due on 12 March".</summary>
    public static bool IsLeadingFiller(string word) => word is "by" or "on" or "due" or "before" or "until" or "till";
}
