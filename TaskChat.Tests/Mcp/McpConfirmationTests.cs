using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Connections;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Mcp;

/// <summary>
/// The chat's confirmation rule over MCP: bulk tools, and deletions past three a minute, never run
/// unconfirmed, whether the client can ask its user (elicitation) or the user approves in TaskChat.
/// </summary>
public sealed class McpConfirmationTests(McpAppFixture fixture) : IClassFixture<McpAppFixture>
{
    private AppServer App => fixture.App;

    [Fact]
    public async Task Bulk_delete_from_a_client_that_cannot_ask_waits_for_an_approval_in_TaskChat_then_runs_once()
    {
        var user = await UserWithTasksAsync("One", "Two", "Three");
        await using var client = await user.ConnectAsync(App);

        var refused = (await client.CallAsync(ToolNames.DeleteAllTasks)).Error();
        Assert.StartsWith("Not done: \"Delete all 3 of your tasks\" needs the user's confirmation, and nothing was changed.", refused);
        Assert.Contains("call delete_all_tasks again with the same arguments within 10 minutes", refused);
        Assert.Equal(3, (await App.TasksOfAsync(user.UserId)).Count);

        // Asking again does not pile up requests.
        Assert.StartsWith("Not done:", (await client.CallAsync(ToolNames.DeleteAllTasks)).Error());
        await using var core = App.CoreServices();
        var approvals = core.GetRequiredService<AppApprovals>();
        var request = Assert.Single(await approvals.PendingAsync(user.UserId));
        Assert.Equal(("Test client", ToolNames.DeleteAllTasks, "Delete all 3 of your tasks"), (request.AppName, request.ToolName, request.Summary));

        Assert.True(await approvals.DecideAsync(user.UserId, request.Id, approve: true));
        Assert.Equal(3, (await client.CallAsync(ToolNames.DeleteAllTasks)).Json.GetProperty("deleted_count").GetInt32());
        Assert.Empty(await App.TasksOfAsync(user.UserId));

        // The approval was for that one call.
        await App.AddTaskAsync(user.Email, "New since");
        Assert.StartsWith("Not done:", (await client.CallAsync(ToolNames.DeleteAllTasks)).Error());
        Assert.Single(await App.TasksOfAsync(user.UserId));
    }

    [Fact]
    public async Task A_declined_request_is_reported_and_nothing_changes()
    {
        var user = await UserWithTasksAsync("Keep", "These");
        await using var client = await user.ConnectAsync(App);
        Assert.StartsWith("Not done:", (await client.CallAsync(ToolNames.CompleteAllTasks)).Error());

        await using var core = App.CoreServices();
        var approvals = core.GetRequiredService<AppApprovals>();
        Assert.True(await approvals.DecideAsync(user.UserId, Assert.Single(await approvals.PendingAsync(user.UserId)).Id, approve: false));

        Assert.Equal("The user declined this in TaskChat (\"Mark all 2 open tasks as done\"); nothing was changed.", (await client.CallAsync(ToolNames.CompleteAllTasks)).Error());
        Assert.All(await App.TasksOfAsync(user.UserId), t => Assert.False(t.IsCompleted));
    }

    [Fact]
    public async Task A_client_that_can_ask_its_user_asks_and_runs_on_yes()
    {
        var user = await UserWithTasksAsync("One", "Two");
        var asked = new List<string>();
        await using var client = await user.ConnectAsync(App, request =>
        {
            asked.Add(request!.Message);
            return McpConnection.Answer(yes: true);
        });

        Assert.Equal(2, (await client.CallAsync(ToolNames.CompleteAllTasks)).Json.GetProperty("completed_count").GetInt32());

        Assert.Equal(["TaskChat: Mark all 2 open tasks as done? This cannot be undone from here."], asked);
        Assert.All(await App.TasksOfAsync(user.UserId), t => Assert.True(t.IsCompleted));
        await using var core = App.CoreServices();
        Assert.Empty(await core.GetRequiredService<AppApprovals>().PendingAsync(user.UserId));
    }

    [Theory]
    [InlineData("accept", false)]
    [InlineData("decline", null)]
    [InlineData("cancel", null)]
    public async Task A_client_whose_user_says_no_changes_nothing(string action, bool? confirm)
    {
        var user = await UserWithTasksAsync("Stay");
        await using var client = await user.ConnectAsync(App, _ => confirm is { } yes ? McpConnection.Answer(yes) : new ElicitResult { Action = action });

        Assert.Equal("The user did not confirm \"Delete your 1 task\"; nothing was changed.", (await client.CallAsync(ToolNames.DeleteAllTasks)).Error());
        Assert.Single(await App.TasksOfAsync(user.UserId));
    }

    [Fact]
    public async Task A_client_on_a_2025_protocol_revision_works_and_confirms_in_TaskChat()
    {
        var user = await UserWithTasksAsync("One");
        var asked = 0;
        // It can ask its user, but only over a session, which this stateless server does not keep.
        await using var client = await McpConnection.ConnectAsync(App, user.Secret, _ => { asked++; return McpConnection.Answer(yes: true); }, protocolVersion: "2025-06-18");

        Assert.Equal("2025-06-18", client.NegotiatedProtocolVersion);
        Assert.Equal(ToolNames.All, (await client.ListToolsAsync()).Select(t => t.Name));
        Assert.False((await client.CallAsync(ToolNames.AddTask, new { title = "Two" })).IsError);
        Assert.StartsWith("Not done: \"Delete all 2 of your tasks\" needs the user's confirmation", (await client.CallAsync(ToolNames.DeleteAllTasks)).Error());

        Assert.Equal(0, asked);
        Assert.Equal(2, (await App.TasksOfAsync(user.UserId)).Count);
    }

    [Fact]
    public async Task The_fourth_deletion_in_a_minute_needs_confirmation_and_is_asked_about_by_name()
    {
        var user = await UserWithTasksAsync("A", "B", "C", "Dentist");
        var ids = (await App.TasksOfAsync(user.UserId)).ToDictionary(t => t.Title, t => t.Id);
        await using var client = await user.ConnectAsync(App);

        foreach (var title in new[] { "A", "B", "C" })
            Assert.False((await client.CallAsync(ToolNames.DeleteTask, new { task_id = ids[title] })).IsError);
        var refused = (await client.CallAsync(ToolNames.DeleteTask, new { task_id = ids["Dentist"] })).Error();

        Assert.StartsWith("Not done: \"Delete the task \"Dentist\"\" needs the user's confirmation", refused);
        Assert.Equal(["Dentist"], (await App.TasksOfAsync(user.UserId)).Select(t => t.Title));
        // A missing task needs no confirmation: it fails on its own.
        Assert.StartsWith("No task with id 999999.", (await client.CallAsync(ToolNames.DeleteTask, new { task_id = 999_999 })).Error());

        // The same allowance holds for the token whichever connection it uses.
        await using var second = await user.ConnectAsync(App, _ => McpConnection.Answer(yes: true));
        Assert.False((await second.CallAsync(ToolNames.DeleteTask, new { task_id = ids["Dentist"] })).IsError);
        Assert.Empty(await App.TasksOfAsync(user.UserId));
    }

    private async Task<McpUser> UserWithTasksAsync(params string[] titles)
    {
        var user = await McpUser.CreateAsync(App);
        foreach (var title in titles) await App.AddTaskAsync(user.Email, title);
        return user;
    }
}
