using TaskChat.Core.Tasks;
using TaskChat.Web.Components.Tasks;

namespace TaskChat.Tests.Web;

public sealed class TaskEditTests
{
    private static readonly DateTime Created = new(2026, 3, 11, 9, 0, 0, DateTimeKind.Utc);

    private static TaskItem Task(string title = "Report", TaskPriority priority = TaskPriority.Medium, string description = "", params string[] tags) =>
        new(1, title, description, priority, null, tags, false, null, Created, Created);

    [Fact]
    public void Untouched_fields_follow_the_other_change_and_touched_ones_are_kept_and_reported()
    {
        var edit = TaskEdit.From(Task(), TimeZoneInfo.Utc);
        edit.Title = "Quarterly report";

        var conflicts = edit.Rebase(Task("Annual report", TaskPriority.High, "from finance", "work"), TimeZoneInfo.Utc);

        Assert.Equal([("title", "Annual report")], conflicts);
        Assert.Equal(("Quarterly report", TaskPriority.High, "from finance", "work"), (edit.Title, edit.Priority, edit.Description, edit.Tags));
        // Saving now writes the kept title knowingly, and nothing the user did not change.
        var patch = edit.ToPatch(TimeZoneInfo.Utc);
        Assert.True(patch.Title.HasValue);
        Assert.False(patch.Priority.HasValue);
        Assert.False(patch.Tags.HasValue);
    }

    [Fact]
    public void The_same_change_on_both_sides_is_no_conflict()
    {
        var edit = TaskEdit.From(Task(), TimeZoneInfo.Utc);
        edit.Priority = TaskPriority.High;

        Assert.Empty(edit.Rebase(Task(priority: TaskPriority.High), TimeZoneInfo.Utc));
        Assert.False(edit.ToPatch(TimeZoneInfo.Utc).Priority.HasValue);
    }
}
