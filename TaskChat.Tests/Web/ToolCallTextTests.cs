using TaskChat.Core.Chat;
using TaskChat.Web.Components.Chat;

namespace TaskChat.Tests.Web;

public sealed class ToolCallTextTests
{
    private static ToolCallLine Describe(string name, ToolCallStatus status, string args, string? result) =>
        ToolCallText.Describe(new ToolCallView(1, "c", name, args, result, status, 1, 0));

    [Fact]
    public void Cards_read_as_what_happened()
    {
        Assert.Equal(new ToolCallLine("Adding task…", "Buy milk", null), Describe("add_task", ToolCallStatus.Running, """{"title":"Buy milk"}""", null));
        Assert.Equal(new ToolCallLine("Added task", "Buy milk", "due Tomorrow"),
            Describe("add_task", ToolCallStatus.Succeeded, "{}", """{"added":{"title":"Buy milk","due_text":"Tomorrow"}}"""));
        Assert.Equal(new ToolCallLine("Reopened", "Rent", null), Describe("complete_task", ToolCallStatus.Succeeded, "{}", """{"reopened":{"title":"Rent"}}"""));
        Assert.Equal(new ToolCallLine("Updated", "Rent", "due, priority"), Describe("update_task", ToolCallStatus.Succeeded, "{}", """{"updated":{"title":"Rent"},"changed":["due","priority"]}"""));
        Assert.Equal(new ToolCallLine("Looked up tasks", null, "3 found"), Describe("list_tasks", ToolCallStatus.Succeeded, "{}", """{"total":3,"tasks":[]}"""));
        Assert.Equal(new ToolCallLine("Could not complete task", null, "No task with id 7."), Describe("complete_task", ToolCallStatus.Failed, "{}", """{"error":"No task with id 7."}"""));
        Assert.Equal(new ToolCallLine("Cancelled:", "delete all tasks", "nothing was changed"), Describe("delete_all_tasks", ToolCallStatus.Declined, "{}", null));
        Assert.Equal(new ToolCallLine("Deleted all tasks", null, "6 deleted"), Describe("delete_all_tasks", ToolCallStatus.Succeeded, "{}", """{"deleted_count":6}"""));
    }

    [Fact]
    public void Garbage_results_do_not_break_the_card() =>
        Assert.Equal(new ToolCallLine("Added task", null, null), Describe("add_task", ToolCallStatus.Succeeded, "not json", "also not json"));
}
