using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Mcp;

/// <summary>
/// The MCP server in the real app process, driven by the official C# MCP client: what a client is
/// offered, and every tool doing to the token's user's tasks what the assistant's tool does.
/// </summary>
public sealed class McpToolsTests(McpAppFixture fixture) : IClassFixture<McpAppFixture>
{
    private AppServer App => fixture.App;

    [Fact]
    public async Task A_client_is_offered_the_assistants_eight_tools_with_their_own_descriptions_schemas_and_hints()
    {
        var user = await McpUser.CreateAsync(App);
        await using var client = await user.ConnectAsync(App);

        var tools = await client.ListToolsAsync();

        Assert.Equal("TaskChat", client.ServerInfo?.Name);
        Assert.Equal(ToolNames.All, tools.Select(t => t.Name));
        // The same functions the chat's model is offered: one source of names, descriptions and schemas.
        await using var core = App.CoreServices();
        var assistant = new TaskKernel(new TaskPlugin(core.GetRequiredService<TaskService>(), "any", TimeZoneInfo.Utc, TimeProvider.System)).Tools;
        foreach (var (offered, own) in tools.Zip(assistant))
        {
            Assert.Equal(own.Description, offered.Description);
            Assert.True(JsonElement.DeepEquals(own.JsonSchema, offered.JsonSchema), $"{own.Name}: {offered.JsonSchema}");
            Assert.False(offered.ProtocolTool.Annotations!.OpenWorldHint);
        }
        var hints = tools.ToDictionary(t => t.Name, t => t.ProtocolTool.Annotations!);
        Assert.All([ToolNames.ListTasks, ToolNames.SummarizeTasks], name => Assert.True(hints[name].ReadOnlyHint));
        Assert.All([ToolNames.DeleteTask, ToolNames.DeleteAllTasks, ToolNames.UpdateTask, ToolNames.CompleteAllTasks], name => Assert.True(hints[name].DestructiveHint));
        Assert.False(hints[ToolNames.AddTask].ReadOnlyHint);
        Assert.False(hints[ToolNames.AddTask].DestructiveHint);
        Assert.False(hints[ToolNames.AddTask].IdempotentHint);
        Assert.Equal("Delete every task", hints[ToolNames.DeleteAllTasks].Title);
    }

    [Fact]
    public async Task Every_tool_acts_on_the_tokens_user()
    {
        var user = await McpUser.CreateAsync(App);
        await using var client = await user.ConnectAsync(App);

        var added = await client.CallAsync(ToolNames.AddTask, new { title = "Pay rent", due = "tomorrow 9am", priority = "high", tags = new[] { "home" } });
        Assert.False(added.IsError, added.Json.ToString());
        var id = added.Json.GetProperty("added").GetProperty("id").GetInt32();
        var second = (await client.CallAsync(ToolNames.AddTask, new { title = "Call mom" })).Json.GetProperty("added").GetProperty("id").GetInt32();

        var stored = await TaskAsync(user, id);
        Assert.Equal(("Pay rent", TaskPriority.High, "home"), (stored.Title, stored.Priority, Assert.Single(stored.Tags)));
        Assert.NotNull(stored.DueUtc);

        var listed = await client.CallAsync(ToolNames.ListTasks, new { priority = "high" });
        Assert.Equal(1, listed.Json.GetProperty("total").GetInt32());
        Assert.Equal("Pay rent", listed.Json.GetProperty("tasks")[0].GetProperty("title").GetString());

        var updated = await client.CallAsync(ToolNames.UpdateTask, new { task_id = id, title = "Pay the rent", due = "none" });
        Assert.Equal(["title", "due"], updated.Json.GetProperty("changed").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(("Pay the rent", (DateTime?)null), ((await TaskAsync(user, id)).Title, (await TaskAsync(user, id)).DueUtc));

        Assert.True((await client.CallAsync(ToolNames.CompleteTask, new { task_id = id })).Json.TryGetProperty("completed", out _));
        Assert.True((await TaskAsync(user, id)).IsCompleted);
        Assert.True((await client.CallAsync(ToolNames.CompleteTask, new { task_id = id, completed = false })).Json.TryGetProperty("reopened", out _));
        Assert.False((await TaskAsync(user, id)).IsCompleted);

        var summary = await client.CallAsync(ToolNames.SummarizeTasks);
        Assert.Equal(2, summary.Json.GetProperty("open").GetInt32());

        Assert.Equal(second, (await client.CallAsync(ToolNames.DeleteTask, new { task_id = second })).Json.GetProperty("deleted").GetProperty("id").GetInt32());
        var left = await App.TasksOfAsync(user.UserId);
        Assert.Equal(["Pay the rent"], left.Select(t => t.Title));
    }

    [Fact]
    public async Task Bad_input_gets_the_assistants_own_error_text_and_changes_nothing()
    {
        var user = await McpUser.CreateAsync(App);
        await using var client = await user.ConnectAsync(App);
        await client.CallAsync(ToolNames.AddTask, new { title = "Keep me" });

        Assert.Equal("No task with id 999999. Use list_tasks to find the right id.", (await client.CallAsync(ToolNames.DeleteTask, new { task_id = 999_999 })).Error());
        Assert.Contains("task_id for complete_task must be a whole number", (await client.CallAsync(ToolNames.CompleteTask, new { task_id = "abc" })).Error());
        Assert.Contains("add_task needs title", (await client.CallAsync(ToolNames.AddTask, new { priority = "high" })).Error());
        Assert.Equal("Title is required.", (await client.CallAsync(ToolNames.AddTask, new { title = "   " })).Error());
        Assert.Contains($"at most {TaskRules.TitleMaxLength} characters", (await client.CallAsync(ToolNames.AddTask, new { title = new string('x', 300) })).Error());
        Assert.StartsWith("Could not understand due \"someday maybe\"", (await client.CallAsync(ToolNames.AddTask, new { title = "x", due = "someday maybe" })).Error());
        Assert.Contains("Nothing to change", (await client.CallAsync(ToolNames.UpdateTask, new { task_id = 1 })).Error());
        var unknown = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("drop_database").AsTask());
        Assert.Contains("There is no tool called \"drop_database\"", unknown.Message);

        Assert.Equal(["Keep me"], (await App.TasksOfAsync(user.UserId)).Select(t => t.Title));
    }

    [Fact]
    public async Task Two_users_tokens_never_reach_each_others_tasks()
    {
        var alice = await McpUser.CreateAsync(App);
        var bob = await McpUser.CreateAsync(App);
        await using var aliceClient = await alice.ConnectAsync(App);
        await using var bobClient = await bob.ConnectAsync(App);
        var secret = (await aliceClient.CallAsync(ToolNames.AddTask, new { title = "Alice's secret" })).Json.GetProperty("added").GetProperty("id").GetInt32();

        Assert.Equal(0, (await bobClient.CallAsync(ToolNames.ListTasks)).Json.GetProperty("total").GetInt32());
        Assert.Equal(0, (await bobClient.CallAsync(ToolNames.ListTasks, new { text = "secret" })).Json.GetProperty("total").GetInt32());
        foreach (var (tool, args) in new (string, object)[]
                 {
                     (ToolNames.CompleteTask, new { task_id = secret }),
                     (ToolNames.UpdateTask, new { task_id = secret, title = "Bob was here" }),
                     (ToolNames.DeleteTask, new { task_id = secret }),
                 })
            Assert.Equal($"No task with id {secret}. Use list_tasks to find the right id.", (await bobClient.CallAsync(tool, args)).Error());

        var untouched = await TaskAsync(alice, secret);
        Assert.Equal(("Alice's secret", false), (untouched.Title, untouched.IsCompleted));
        Assert.Equal(0, (await bobClient.CallAsync(ToolNames.SummarizeTasks)).Json.GetProperty("open").GetInt32());
    }

    private async Task<TaskItem> TaskAsync(McpUser user, int id)
    {
        await using var core = App.CoreServices();
        return await core.GetRequiredService<TaskService>().GetAsync(user.UserId, id);
    }
}
