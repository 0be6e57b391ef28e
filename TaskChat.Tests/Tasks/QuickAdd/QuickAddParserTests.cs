using System.Globalization;
using TaskChat.Core.Tasks;
using TaskChat.Core.Tasks.QuickAdd;

namespace TaskChat.Tests.Tasks.QuickAdd;

public sealed class QuickAddParserTests
{
    // Two northern zones on either side of the Atlantic, one without daylight saving, one southern.
    public static readonly string[] Zones = ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney"];

    // Wednesday 11 March 2026, 10:00 on each user's own clock: New York is already on summer time,
    // London is not yet, Sydney is still on it, Kolkata has none.
    private static readonly DateTime LocalNow = new(2026, 3, 11, 10, 0, 0);

    public static TheoryData<string, QuickAddPhrasing> Table()
    {
        var data = new TheoryData<string, QuickAddPhrasing>();
        foreach (var zone in Zones)
            foreach (var row in QuickAddPhrasings.All)
                data.Add(zone, row);
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Parses_the_table_in_each_zone(string zoneId, QuickAddPhrasing row)
    {
        var zone = Zone(zoneId);
        var now = DueWindows.LocalToUtc(LocalNow, zone);
        var parse = QuickAddParser.Parse(row.Text, now, zone);

        Assert.Equal(row.Title, parse.Title);
        Assert.Equal(row.Due, Local(parse, zone));
        Assert.Equal(ExpandUntil(row.Rule, zone), parse.Recurrence);
        Assert.Equal(row.Priority, parse.Priority);
        Assert.Equal(row.Tags, string.Join(' ', parse.Tags));
        AssertPartsAccountForTheText(row.Text, parse);
    }

    /// <summary>Each row: zone, now (UTC), phrase, due (UTC), has-time, RRULE.</summary>
    public static TheoryData<string, string, string, string, bool, string?> DaylightSaving() => new()
    {
        // London springs forward on Sunday 29 March 2026: 01:00–02:00 does not exist. A time in the gap
        // moves on to the next valid half hour (01:30 → 02:00 BST), as DueWindows.LocalToUtc does everywhere.
        { "Europe/London", "2026-03-28T20:00Z", "flight tomorrow 1:30am", "2026-03-29 01:00", true, null },
        { "Europe/London", "2026-03-28T20:00Z", "flight tomorrow 2:30am", "2026-03-29 01:30", true, null },
        { "Europe/London", "2026-03-28T20:00Z", "call tomorrow 9am", "2026-03-29 08:00", true, null },
        { "Europe/London", "2026-03-28T20:00Z", "meds every day at 9", "2026-03-29 08:00", true, "FREQ=DAILY" },
        { "Europe/London", "2026-03-28T20:00Z", "bins tomorrow", "2026-03-29 22:59", false, null },
        // …and falls back on Sunday 25 October: 01:00–02:00 happens twice; the earlier (BST) instant is taken.
        { "Europe/London", "2026-10-24T20:00Z", "flight tomorrow 1:30am", "2026-10-25 00:30", true, null },
        { "Europe/London", "2026-10-24T20:00Z", "call tomorrow 9am", "2026-10-25 09:00", true, null },
        { "Europe/London", "2026-10-24T20:00Z", "meds every day at 9", "2026-10-25 09:00", true, "FREQ=DAILY" },
        { "Europe/London", "2026-10-24T20:00Z", "mass every sunday until nov 1", "2026-10-25 23:59", false, "FREQ=WEEKLY;BYDAY=SU;UNTIL=20261101T235959Z" },
        // New York springs forward on Sunday 8 March 2026 (02:00–03:00 missing): 2:30am becomes 03:00 EDT.
        { "America/New_York", "2026-03-08T01:00Z", "flight tomorrow 2:30am", "2026-03-08 07:00", true, null },
        { "America/New_York", "2026-03-08T01:00Z", "call tomorrow 9am", "2026-03-08 13:00", true, null },
        { "America/New_York", "2026-03-08T01:00Z", "meds every day at 9", "2026-03-08 13:00", true, "FREQ=DAILY" },
        { "America/New_York", "2026-03-08T01:00Z", "bake every day at 2:30am", "2026-03-08 07:00", true, "FREQ=DAILY" },
        // …and falls back on Sunday 1 November: 1:30am twice; the first (EDT) one.
        { "America/New_York", "2026-11-01T00:00Z", "flight tomorrow 1:30am", "2026-11-01 05:30", true, null },
        { "America/New_York", "2026-11-01T00:00Z", "call tomorrow 9am", "2026-11-01 14:00", true, null },
        { "America/New_York", "2026-11-01T00:00Z", "church every sunday at 9am", "2026-11-01 14:00", true, "FREQ=WEEKLY;BYDAY=SU" },
        // Sydney springs forward on Sunday 4 October 2026 (02:00–03:00 missing)…
        { "Australia/Sydney", "2026-10-03T10:00Z", "flight tomorrow 2:30am", "2026-10-03 16:00", true, null },
        { "Australia/Sydney", "2026-10-03T10:00Z", "call tomorrow 9am", "2026-10-03 22:00", true, null },
        { "Australia/Sydney", "2026-10-03T10:00Z", "meds every day at 9", "2026-10-03 22:00", true, "FREQ=DAILY" },
        // …and falls back on Sunday 5 April 2026 (02:00–03:00 twice; the AEDT one).
        { "Australia/Sydney", "2026-04-04T09:00Z", "flight tomorrow 2:30am", "2026-04-04 15:30", true, null },
        { "Australia/Sydney", "2026-04-04T09:00Z", "call tomorrow 9am", "2026-04-04 23:00", true, null },
        { "Australia/Sydney", "2026-04-04T09:00Z", "meds every day at 9", "2026-04-04 23:00", true, "FREQ=DAILY" },
        // Kolkata has no daylight saving: the same night is an ordinary one.
        { "Asia/Kolkata", "2026-03-28T20:00Z", "flight tomorrow 2:30am", "2026-03-29 21:00", true, null },
        // UNTIL is the end of the named day on the user's clock.
        { "Europe/London", "2026-03-11T10:00Z", "gym every monday until dec 31", "2026-03-16 23:59", false, "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231T235959Z" },
        { "America/New_York", "2026-03-11T14:00Z", "gym every monday until dec 31", "2026-03-17 03:59", false, "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270101T045959Z" },
        { "Asia/Kolkata", "2026-03-11T04:30Z", "gym every monday until dec 31", "2026-03-16 18:29", false, "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231T182959Z" },
        { "Australia/Sydney", "2026-03-10T23:00Z", "gym every monday until dec 31", "2026-03-16 12:59", false, "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231T125959Z" },
    };

    [Theory]
    [MemberData(nameof(DaylightSaving))]
    public void Keeps_wall_clock_times_across_daylight_saving(string zoneId, string nowUtc, string text, string dueUtc, bool hasTime, string? rule)
    {
        var now = DateTime.Parse(nowUtc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var parse = QuickAddParser.Parse(text, now, Zone(zoneId));

        Assert.Equal(DateTimeKind.Utc, parse.DueUtc?.Kind);
        Assert.Equal(dueUtc, parse.DueUtc?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Assert.Equal(hasTime, parse.DueHasTime);
        Assert.Equal(rule, parse.Recurrence);
    }

    [Fact]
    public void Parts_point_into_the_text_with_labels_for_chips()
    {
        const string text = "Pay rent every month on the 1st p1 #home";
        var parse = QuickAddParser.Parse(text, London(), Zone("Europe/London"));

        Assert.Equal(
            [
                (QuickAddPartKind.Repeat, "every month on the 1st", "every month on the 1st"),
                (QuickAddPartKind.Priority, "p1", "High"),
                (QuickAddPartKind.Tag, "#home", "#home"),
            ],
            parse.Parts.Select(p => (p.Kind, text.Substring(p.Start, p.Length), p.Label)));
    }

    [Theory]
    [InlineData("buy milk tomorrow 6pm", "tomorrow 6pm", "Tomorrow 18:00")]
    [InlineData("dentist on friday", "on friday", "Fri")]
    [InlineData("taxes due by apr 15", "due by apr 15", "15 Apr")]
    [InlineData("team sync every 2 weeks on mon", "every 2 weeks on mon", "every 2 weeks on Mon")]
    [InlineData("gym every mon and thu at 7am", "every mon and thu at 7am", "every Mon, Thu at 07:00")]
    [InlineData("standup every weekday at 8:30am", "every weekday at 8:30am", "every weekday at 08:30")]
    [InlineData("book club every last friday", "every last friday", "every month on the last Fri")]
    [InlineData("send card every year on dec 24", "every year on dec 24", "every year on 24 Dec")]
    [InlineData("gym every monday until dec 31", "every monday until dec 31", "every Mon until 31 Dec 2026")]
    [InlineData("lessons every tuesday for 5 times", "every tuesday for 5 times", "every Tue, 5 times")]
    [InlineData("call mom !!!", "!!!", "High")]
    [InlineData("report #Work-Stuff", "#Work-Stuff", "#work-stuff")]
    public void Labels_each_part(string text, string partText, string label)
    {
        var part = Assert.Single(QuickAddParser.Parse(text, London(), Zone("Europe/London")).Parts);
        Assert.Equal(partText, text.Substring(part.Start, part.Length));
        Assert.Equal(label, part.Label);
    }

    [Fact]
    public void A_removed_chip_leaves_its_text_in_the_title_and_is_not_read_again()
    {
        const string text = "buy milk tomorrow 6pm p1 #home";
        var zone = Zone("Europe/London");
        var first = QuickAddParser.Parse(text, London(), zone);
        var due = first.Parts.Single(p => p.Kind == QuickAddPartKind.Due);
        var tag = first.Parts.Single(p => p.Kind == QuickAddPartKind.Tag);

        var parse = QuickAddParser.Parse(text, London(), zone, new HashSet<int> { due.Start, tag.Start });

        Assert.Equal("buy milk tomorrow 6pm #home", parse.Title);
        Assert.Null(parse.DueUtc);
        Assert.False(parse.DueHasTime);
        Assert.Empty(parse.Tags);
        Assert.Equal(TaskPriority.High, parse.Priority);
        Assert.Equal([QuickAddPartKind.Priority], parse.Parts.Select(p => p.Kind));
    }

    [Fact]
    public void A_removed_repeat_chip_does_not_turn_into_a_date()
    {
        const string text = "gym every monday at 7am";
        var zone = Zone("Europe/London");
        var repeat = Assert.Single(QuickAddParser.Parse(text, London(), zone).Parts);

        var parse = QuickAddParser.Parse(text, London(), zone, new HashSet<int> { repeat.Start });

        Assert.Equal(text, parse.Title);
        Assert.Null(parse.Recurrence);
        Assert.Null(parse.DueUtc);
    }

    [Fact]
    public void Parsing_the_table_is_deterministic()
    {
        var zone = Zone("America/New_York");
        var now = DueWindows.LocalToUtc(LocalNow, zone);
        var phrases = QuickAddPhrasings.All.Select(r => r.Text).ToArray();
        Assert.True(phrases.Length >= 150);

        var first = phrases.Select(p => Describe(QuickAddParser.Parse(p, now, zone))).ToArray();
        // Again in reverse and on several threads at once: no state may leak between parses.
        var again = new string[phrases.Length];
        Parallel.For(0, phrases.Length, i => again[phrases.Length - 1 - i] = Describe(QuickAddParser.Parse(phrases[^(i + 1)], now, zone)));

        Assert.Equal(first, again);
    }

    // Every character is either in the title or in exactly one part, so nothing is dropped silently.
    private static void AssertPartsAccountForTheText(string text, QuickAddParse parse)
    {
        var covered = new bool[text.Length];
        foreach (var part in parse.Parts)
        {
            Assert.InRange(part.Start, 0, text.Length - part.Length);
            Assert.False(string.IsNullOrWhiteSpace(part.Label));
            for (var i = part.Start; i < part.End; i++)
            {
                Assert.False(covered[i], $"parts overlap at {i} in '{text}'");
                covered[i] = true;
            }
        }
        var rest = new string(text.Select((c, i) => covered[i] ? ' ' : c).ToArray());
        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(',', ';', ':', '-'));
        Assert.All(words.Where(w => w.Length > 0), w => Assert.Contains(w, parse.Title));
        if (text.Trim().Length > 0) Assert.NotEmpty(parse.Title);
    }

    private static string Local(QuickAddParse parse, TimeZoneInfo zone)
    {
        if (parse.DueUtc is not { } due) return "";
        Assert.Equal(DateTimeKind.Utc, due.Kind);
        var local = TimeZoneInfo.ConvertTimeFromUtc(due, zone);
        if (parse.DueHasTime) return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        Assert.Equal(new TimeSpan(23, 59, 0), local.TimeOfDay);
        return local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static string? ExpandUntil(string? rule, TimeZoneInfo zone)
    {
        if (rule is null || rule.IndexOf("UNTIL=<", StringComparison.Ordinal) is not (>= 0 and var at)) return rule;
        var day = DateTime.ParseExact(rule.Substring(at + 7, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var until = DueWindows.LocalToUtc(day.AddHours(23).AddMinutes(59).AddSeconds(59), zone);
        return rule[..at] + "UNTIL=" + until.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + rule[(at + 18)..];
    }

    private static string Describe(QuickAddParse p) =>
        $"{p.Title}|{p.DueUtc:O}|{p.DueHasTime}|{p.Recurrence}|{p.Priority}|{string.Join(',', p.Tags)}|"
        + string.Join(',', p.Parts.Select(x => $"{x.Kind}:{x.Start}:{x.Length}:{x.Label}"));

    private static DateTime London() => new(2026, 3, 11, 10, 0, 0, DateTimeKind.Utc);

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
