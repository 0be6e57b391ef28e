using System.Text.RegularExpressions;
using TaskChat.Core.Assistant.Dates;

namespace TaskChat.Core.Tasks.QuickAdd;

/// <summary>
/// One pass over a quick add. Marks come first ("#home", "p1"), then dates and repeats in the text
/// between them, so a date never spans a tag and nothing inside an address is read at all.
/// </summary>
internal sealed class QuickAddScan(string text, DateTime nowUtc, TimeZoneInfo zone, IReadOnlySet<int> ignore)
{
    // Characters no later rule may read: taken by a part, or kept whole (an address, a removed chip).
    private readonly bool[] taken = new bool[text.Length];
    private readonly List<QuickAddPart> parts = [];
    private readonly List<string> tags = [];
    private readonly DateTime now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    private TaskPriority? priority;
    private DateTime? dueUtc;
    private bool dueHasTime;
    private RepeatRule? repeat;
    private DueMoment? dueMoment;

    public QuickAddParse Run()
    {
        foreach (Match address in QuickAddMarks.Address().Matches(text)) Take(address.Index, address.Length);
        foreach (Match tag in QuickAddMarks.HashTag().Matches(text)) Tag(tag);
        foreach (Match mark in QuickAddMarks.PriorityMark().Matches(text)) Priority(mark);
        foreach (var (start, end) in FreeRuns()) Dates(start, end);
        Settle();
        parts.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new QuickAddParse(QuickAddTitle.Tidy(text, parts), dueUtc, dueHasTime, repeat?.ToRRule(zone), priority, tags, parts);
    }

    private void Tag(Match m)
    {
        if (IsTaken(m.Index, m.Length)) return;
        var tag = m.Groups["tag"].Value.ToLowerInvariant();
        // Past TaskRules' limits a tag would be refused on save; left in the title, it is at least kept.
        var fits = tag.Length <= TaskRules.TagMaxLength && (tags.Contains(tag) || tags.Count < TaskRules.MaxTags);
        if (fits && Add(QuickAddPartKind.Tag, m.Index, m.Length, "#" + tag) && !tags.Contains(tag)) tags.Add(tag);
        Take(m.Index, m.Length);
    }

    // The first priority mark counts; a second one ("p1 … p3") is left in the title for the user to see.
    private void Priority(Match m)
    {
        if (IsTaken(m.Index, m.Length) || priority is not null) return;
        var value = QuickAddMarks.Priority(m);
        if (Add(QuickAddPartKind.Priority, m.Index, m.Length, value.ToString())) priority = value;
        Take(m.Index, m.Length);
    }

    // At each word the longest due phrase or repeat wins; one of each is read, later ones stay text.
    private void Dates(int from, int to)
    {
        var tokens = DueTokenizer.Split(text[from..to]).Select(t => t with { Start = t.Start + from }).ToList();
        var grammar = new DueGrammar(tokens, now, zone, allowNow: false);
        var repeats = new RepeatGrammar(tokens, grammar);
        for (var i = 0; i < tokens.Count;)
        {
            var due = dueMoment is null ? Due(grammar, tokens, i) : null;
            var rule = repeat is null ? repeats.Expression(i) : null;
            if (due is null && rule is null)
            {
                i++;
                continue;
            }
            var end = Math.Max(due?.End ?? 0, rule?.End ?? 0);
            var (start, length) = (tokens[i].Start, tokens[end - 1].End - tokens[i].Start);
            if (rule is { } r && r.End == end)
            {
                if (Add(QuickAddPartKind.Repeat, start, length, r.Rule.Label())) repeat = r.Rule;
            }
            else if (due is { } d)
            {
                var (utc, hasTime) = Resolve(d.Moment, grammar.LocalNow);
                if (Add(QuickAddPartKind.Due, start, length, DueLabel.Format(utc, now, zone)))
                    (dueMoment, dueUtc, dueHasTime) = (d.Moment, utc, hasTime);
            }
            Take(start, length);
            i = end;
        }
    }

    // "on friday", "by friday", "due on friday": the leading word goes with the date, so removing the
    // date's chip puts it back and the title does not end in a dangling "on".
    private static (int End, DueMoment Moment)? Due(DueGrammar grammar, List<DueToken> tokens, int i)
    {
        var j = i;
        while (j < tokens.Count && tokens[j].Text is "on" or "by" or "due" or "before") j++;
        return grammar.Expression(j) ?? (j > i ? null : grammar.Expression(i));
    }

    private (DateTime Utc, bool HasTime) Resolve(DueMoment moment, DateTime localNow) =>
        (DuePhrase.ToUtc(moment, localNow, zone), moment.Time is not null || moment.Utc is not null || moment.Evening);

    // A repeat alone starts at its first occurrence. A date as well ("tomorrow every day at 9") says
    // when it starts, at the repeat's time if the date had none; a time alone ("every monday … at
    // 10am") is the repeat's time.
    private void Settle()
    {
        if (repeat is null) return;
        DateTime? local = null;
        if (dueMoment is { Date: { } date, Time: null, Utc: null, Evening: false } && repeat.Time is { } time)
            local = date.ToDateTime(TimeOnly.MinValue) + time;
        else if (dueMoment is null or { Date: null, Utc: null, Time: not null })
            local = (repeat with { Time = repeat.Time ?? dueMoment?.Time }).FirstLocal(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        if (local is not { } first) return;
        (dueUtc, dueHasTime) = (DueWindows.LocalToUtc(first, zone), dueHasTime || repeat.Time is not null);
        var dueIndex = parts.FindIndex(p => p.Kind == QuickAddPartKind.Due);
        if (dueIndex >= 0) parts[dueIndex] = parts[dueIndex] with { Label = DueLabel.Format(dueUtc.Value, now, zone) };
    }

    private bool Add(QuickAddPartKind kind, int start, int length, string label)
    {
        if (ignore.Contains(start)) return false;
        parts.Add(new QuickAddPart(kind, start, length, label));
        return true;
    }

    private void Take(int start, int length) => Array.Fill(taken, true, start, length);

    private bool IsTaken(int start, int length) => taken.AsSpan(start, length).Contains(true);

    private IEnumerable<(int Start, int End)> FreeRuns()
    {
        for (var i = 0; i < text.Length;)
        {
            if (taken[i]) { i++; continue; }
            var start = i;
            while (i < text.Length && !taken[i]) i++;
            yield return (start, i);
        }
    }
}
