using TaskChat.Core.Tasks.Recurrence;

namespace TaskChat.Tests.Tasks.Recurrence;

public sealed class RecurrenceWordsTests
{
    [Theory]
    [InlineData("FREQ=DAILY", "every day")]
    [InlineData("FREQ=DAILY;INTERVAL=3", "every 3 days")]
    [InlineData("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "every weekday")]
    [InlineData("FREQ=DAILY;BYDAY=FR,TH,WE,TU,MO", "every weekday")]
    [InlineData("FREQ=WEEKLY", "every week")]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "every 2 weeks on Mon")]
    [InlineData("FREQ=WEEKLY;BYDAY=MO,WE,FR", "every week on Mon, Wed and Fri")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=1", "every month on the 1st")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=2,15", "every month on the 2nd and 15th")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=-1", "every month on the last day")]
    [InlineData("FREQ=MONTHLY;BYDAY=-1FR", "every month on the last Friday")]
    [InlineData("FREQ=MONTHLY;BYDAY=2MO", "every month on the 2nd Monday")]
    [InlineData("FREQ=MONTHLY;INTERVAL=3;BYDAY=1SU,-1SU", "every 3 months on the 1st Sunday and the last Sunday")]
    [InlineData("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24", "every year on 24 Dec")]
    [InlineData("FREQ=YEARLY;BYMONTH=6,7", "every year in Jun and Jul")]
    [InlineData("FREQ=YEARLY;BYDAY=20MO", "every year on the 20th Monday")]
    [InlineData("FREQ=WEEKLY;BYDAY=SA;UNTIL=20271231", "every week on Sat until 31 Dec 2027")]
    [InlineData("FREQ=DAILY;UNTIL=20271231T235959Z", "every day until 31 Dec 2027")]
    [InlineData("FREQ=DAILY;COUNT=5", "every day, 5 times")]
    [InlineData("FREQ=DAILY;COUNT=1", "every day, once more")]
    public void A_rule_reads_as_people_say_it(string rule, string words) =>
        Assert.Equal(words, RecurrenceWords.ToWords(rule));
}
