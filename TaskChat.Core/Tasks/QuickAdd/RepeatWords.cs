namespace TaskChat.Core.Tasks.QuickAdd;

/// <summary>The vocabulary of repeats, wider than due phrases': after "every", "sat" and "sun" can only be days.</summary>
internal static class RepeatWords
{
    public static readonly IReadOnlyDictionary<string, DayOfWeek> Days = Build();

    public static readonly IReadOnlyDictionary<string, RepeatFrequency> Units = new Dictionary<string, RepeatFrequency>
    {
        ["day"] = RepeatFrequency.Daily, ["days"] = RepeatFrequency.Daily,
        ["week"] = RepeatFrequency.Weekly, ["weeks"] = RepeatFrequency.Weekly,
        ["month"] = RepeatFrequency.Monthly, ["months"] = RepeatFrequency.Monthly,
        ["year"] = RepeatFrequency.Yearly, ["years"] = RepeatFrequency.Yearly,
    };

    public static readonly IReadOnlyDictionary<string, RepeatFrequency> Adverbs = new Dictionary<string, RepeatFrequency>
    {
        ["daily"] = RepeatFrequency.Daily, ["weekly"] = RepeatFrequency.Weekly,
        ["monthly"] = RepeatFrequency.Monthly, ["yearly"] = RepeatFrequency.Yearly, ["annually"] = RepeatFrequency.Yearly,
    };

    public static readonly IReadOnlyDictionary<string, int> Positions = new Dictionary<string, int>
    {
        ["first"] = 1, ["1st"] = 1, ["second"] = 2, ["2nd"] = 2, ["third"] = 3, ["3rd"] = 3,
        ["fourth"] = 4, ["4th"] = 4, ["last"] = -1,
    };

    public static readonly IReadOnlyDictionary<string, int> Numbers = new Dictionary<string, int>
    {
        ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
    };

    private static Dictionary<string, DayOfWeek> Build()
    {
        var days = new Dictionary<string, DayOfWeek>();
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var name = day.ToString().ToLowerInvariant();
            days[name] = day;
            days[name + "s"] = day;
            days[name[..3]] = day;
        }
        days["tues"] = DayOfWeek.Tuesday;
        days["weds"] = DayOfWeek.Wednesday;
        days["thur"] = DayOfWeek.Thursday;
        days["thurs"] = DayOfWeek.Thursday;
        return days;
    }
}
