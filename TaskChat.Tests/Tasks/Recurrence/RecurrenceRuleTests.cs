using TaskChat.Core.Tasks;
using TaskChat.Core.Tasks.Recurrence;

namespace TaskChat.Tests.Tasks.Recurrence;

public sealed class RecurrenceRuleTests
{
    [Theory]
    [InlineData("freq=weekly;byday=mo", "FREQ=WEEKLY;BYDAY=MO")]
    [InlineData("RRULE:FREQ=MONTHLY;BYMONTHDAY=1", "FREQ=MONTHLY;BYMONTHDAY=1")]
    [InlineData("COUNT=5;FREQ=DAILY;INTERVAL=1", "FREQ=DAILY;COUNT=5")]
    [InlineData("FREQ=YEARLY;BYMONTHDAY=24;BYMONTH=12;UNTIL=20271231", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24;UNTIL=20271231")]
    [InlineData("FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-1FR")]
    public void A_supported_rule_is_stored_in_canonical_form(string text, string canonical) =>
        Assert.Equal(canonical, RecurrenceRule.Parse(text).Text);

    [Theory]
    [InlineData("FREQ=DAILY;BYHOUR=9", "BYHOUR is not supported")]
    [InlineData("FREQ=DAILY;BYSECOND=1", "BYSECOND is not supported")]
    [InlineData("FREQ=HOURLY", "FREQ=HOURLY is not supported")]
    [InlineData("FREQ=MINUTELY;INTERVAL=15", "FREQ=MINUTELY is not supported")]
    [InlineData("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1", "BYSETPOS is not supported")]
    [InlineData("FREQ=YEARLY;BYYEARDAY=100", "BYYEARDAY is not supported")]
    [InlineData("FREQ=DAILY;INTERVAL=366", "INTERVAL must be a whole number from 1 to 365")]
    [InlineData("FREQ=DAILY;INTERVAL=0", "INTERVAL must be a whole number from 1 to 365")]
    [InlineData("FREQ=DAILY;COUNT=3;UNTIL=20271231", "UNTIL or COUNT, not both")]
    [InlineData("FREQ=WEEKLY;BYDAY=2MO", "needs FREQ=MONTHLY or FREQ=YEARLY")]
    [InlineData("FREQ=MONTHLY;BYDAY=6MO", "must be from 1 to 5")]
    [InlineData("FREQ=WEEKLY;BYMONTHDAY=3", "BYMONTHDAY cannot be used with FREQ=WEEKLY")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY must list numbers")]
    [InlineData("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never falls on a real date")]
    [InlineData("FREQ=DAILY;UNTIL=tomorrow", "UNTIL must be a date")]
    [InlineData("BYDAY=MO", "FREQ is required")]
    [InlineData("FREQ=DAILY;FREQ=WEEKLY", "FREQ is given twice")]
    [InlineData("every monday", "is not NAME=VALUE")]
    public void An_unsupported_rule_is_refused_naming_the_part(string text, string message)
    {
        var error = Assert.Throws<RecurrenceFormatException>(() => RecurrenceRule.Parse(text));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Count_is_what_is_left_and_the_last_occurrence_has_no_next()
    {
        var utc = TimeZoneInfo.Utc;
        var due = new DateTime(2026, 3, 11, 9, 0, 0, DateTimeKind.Utc);
        var rule = RecurrenceRule.Parse("FREQ=DAILY;COUNT=2");

        var next = rule.NextAfter(due, utc)!;

        Assert.Equal(("FREQ=DAILY;COUNT=1", due.AddDays(1)), (next.Rule.Text, next.DueUtc));
        Assert.Null(next.Rule.NextAfter(next.DueUtc, utc));
    }

    [Fact]
    public void A_day_until_includes_that_day()
    {
        var utc = TimeZoneInfo.Utc;
        var rule = RecurrenceRule.Parse("FREQ=DAILY;UNTIL=20260312");

        var next = rule.NextAfter(new DateTime(2026, 3, 11, 23, 59, 0, DateTimeKind.Utc), utc)!;

        Assert.Equal(new DateTime(2026, 3, 12, 23, 59, 0, DateTimeKind.Utc), next.DueUtc);
        Assert.Null(rule.NextAfter(next.DueUtc, utc));
    }

    [Fact]
    public void A_recurring_task_needs_a_due_date_for_the_dashboard_and_the_assistant_alike()
    {
        var errors = new List<TaskValidationError>();

        Assert.Equal("FREQ=DAILY", TaskRules.Recurrence("freq=daily", null, errors));

        Assert.Equal([new TaskValidationError(TaskField.Recurrence, "A recurring task needs a due date.")], errors);
    }

    [Fact]
    public void No_rule_is_no_recurrence()
    {
        var errors = new List<TaskValidationError>();
        Assert.Null(TaskRules.Recurrence("  ", null, errors));
        Assert.Empty(errors);
    }
}
