using System.Text.Json;
using Microsoft.Extensions.AI;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Data;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Assistant;

/// <summary>The tools as the model calls them: by name, with JSON arguments, over real SQLite.</summary>
public abstract class TaskPluginTests(DatabaseProvider provider) : OneUserDatabaseTest(provider)
{
    public sealed class OnSqlite() : TaskPluginTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : TaskPluginTests(DatabaseProvider.Postgres);

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private IReadOnlyList<AIFunction> tools = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        tools = new TaskKernel(new TaskPlugin(Db.Tasks, User, London, Db.Clock)).Tools;
    }

    private async Task<JsonElement> Call(string name, string argumentsJson = "{}")
    {
        var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(argumentsJson)!;
        var result = await tools.Single(t => t.Name == name).InvokeAsync(new AIFunctionArguments(arguments));
        return JsonDocument.Parse(result is JsonElement e ? e.GetString()! : (string)result!).RootElement;
    }

    [ProviderFact]
    public void All_eight_tools_are_offered_with_snake_case_parameters_and_no_user_id()
    {
        Assert.Equal(
            [ToolNames.AddTask, ToolNames.CompleteAllTasks, ToolNames.CompleteTask, ToolNames.DeleteAllTasks,
             ToolNames.DeleteTask, ToolNames.ListTasks, ToolNames.SummarizeTasks, ToolNames.UpdateTask],
            tools.Select(t => t.Name).Order());
        var parameters = tools.SelectMany(t => t.JsonSchema.TryGetProperty("properties", out var p) ? p.EnumerateObject().Select(o => o.Name) : []).ToHashSet();
        Assert.Superset(new HashSet<string> { "title", "due", "task_id", "due_before", "due_after", "completed" }, parameters);
        Assert.DoesNotContain(parameters, name => name.Contains("user", StringComparison.OrdinalIgnoreCase) || name.Contains("owner", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("cancellationToken", parameters);
    }

    [ProviderFact]
    public void The_model_sees_exactly_the_eight_plain_names_and_every_function_and_parameter_is_described()
    {
        Assert.Equal(["add_task", "list_tasks", "update_task", "complete_task", "delete_task", "complete_all_tasks", "delete_all_tasks", "summarize_tasks"],
            tools.Select(t => t.Name));
        Assert.All(tools, tool =>
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), $"{tool.Name} has no description");
            if (!tool.JsonSchema.TryGetProperty("properties", out var properties)) return;
            foreach (var parameter in properties.EnumerateObject())
                Assert.True(parameter.Value.TryGetProperty("description", out var d) && !string.IsNullOrWhiteSpace(d.GetString()),
                    $"{tool.Name}.{parameter.Name} has no description");
        });
    }

    [ProviderFact]
    public void The_plugin_is_registered_in_a_kernel_and_its_tools_are_its_kernel_functions()
    {
        var kernel = new TaskKernel(new TaskPlugin(Db.Tasks, User, London, Db.Clock));

        var plugin = Assert.Single(kernel.Kernel.Plugins);
        Assert.Equal(TaskKernel.PluginName, plugin.Name);
        Assert.Equal(ToolNames.All.Order(), plugin.Select(f => f.Name).Order());
        Assert.All(kernel.Tools, tool => Assert.IsAssignableFrom<Microsoft.SemanticKernel.KernelFunction>(tool));
    }

    [ProviderFact]
    public async Task Add_task_resolves_words_in_the_users_zone_and_reads_urgent_as_high()
    {
        // Now: Wed 11 Mar 2026 15:30 UTC = 15:30 in London (GMT).
        var result = await Call(ToolNames.AddTask, """{"title":"Buy milk","due":"tomorrow 5pm","priority":"urgent","tags":["Errands"]}""");

        var added = result.GetProperty("added");
        Assert.Equal("Buy milk", added.GetProperty("title").GetString());
        Assert.Equal("high", added.GetProperty("priority").GetString());
        Assert.Equal("2026-03-12T17:00:00+00:00", added.GetProperty("due").GetString());
        Assert.Equal("Tomorrow 17:00", added.GetProperty("due_text").GetString());
        var stored = await Db.Tasks.GetAsync(User, added.GetProperty("id").GetInt32());
        Assert.Equal(new DateTime(2026, 3, 12, 17, 0, 0, DateTimeKind.Utc), stored.DueUtc);
        Assert.Equal(["errands"], stored.Tags);
    }

    private const string DueHelp = "Use ISO 8601 (2026-03-12T17:00) or words such as today, tomorrow 5pm, next friday, in 3 days, 12 March; "
        + "read in the user's time zone. A day without a time means the end of that day.";

    [ProviderTheory]
    [InlineData(ToolNames.AddTask, """{"title":""}""", "Title is required.")]
    [InlineData(ToolNames.AddTask, """{"title":"x","due":"when pigs fly"}""", "Could not understand due \"when pigs fly\". " + DueHelp)]
    [InlineData(ToolNames.AddTask, """{"title":"x","priority":"critical"}""", "Priority must be low, medium or high, not \"critical\".")]
    [InlineData(ToolNames.UpdateTask, """{"task_id":999}""", "Nothing to change: give at least one of title, description, due, priority, tags or repeat.")]
    [InlineData(ToolNames.UpdateTask, """{"task_id":999,"title":"y"}""", "No task with id 999. Use list_tasks to find the right id.")]
    [InlineData(ToolNames.CompleteTask, """{"task_id":999}""", "No task with id 999. Use list_tasks to find the right id.")]
    [InlineData(ToolNames.DeleteTask, """{"task_id":999}""", "No task with id 999. Use list_tasks to find the right id.")]
    [InlineData(ToolNames.ListTasks, """{"due_before":"the heat death of the universe"}""", "Could not understand due_before \"the heat death of the universe\". " + DueHelp)]
    public async Task Bad_arguments_come_back_as_an_error_the_model_can_act_on_and_change_nothing(string tool, string arguments, string message)
    {
        var result = await Call(tool, arguments);

        Assert.Equal(message, result.GetProperty("error").GetString());
        Assert.Equal(["error"], result.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, await Db.CountTasksAsync());
    }

    [ProviderFact]
    public async Task Another_users_task_id_is_not_found_and_untouched()
    {
        var other = await Db.AddUserAsync("mallory@example.com");
        var theirs = await Db.Tasks.CreateAsync(other, new TaskDraft("Not yours"));

        foreach (var (tool, args) in new[] {
            (ToolNames.UpdateTask, $$"""{"task_id":{{theirs.Id}},"title":"pwned"}"""),
            (ToolNames.CompleteTask, $$"""{"task_id":{{theirs.Id}}}"""),
            (ToolNames.DeleteTask, $$"""{"task_id":{{theirs.Id}}}""") })
            Assert.Equal($"No task with id {theirs.Id}. Use list_tasks to find the right id.", (await Call(tool, args)).GetProperty("error").GetString());

        Assert.Equal(0, (await Call(ToolNames.ListTasks)).GetProperty("total").GetInt32());
        Assert.Equal(0, (await Call(ToolNames.CompleteAllTasks)).GetProperty("completed_count").GetInt32());
        Assert.Equal(0, (await Call(ToolNames.DeleteAllTasks)).GetProperty("deleted_count").GetInt32());
        Assert.Equal(theirs, await Db.Tasks.GetAsync(other, theirs.Id));
    }

    [ProviderFact]
    public async Task Update_complete_reopen_and_delete()
    {
        var id = (await Call(ToolNames.AddTask, """{"title":"Report","due":"friday"}""")).GetProperty("added").GetProperty("id").GetInt32();

        var updated = await Call(ToolNames.UpdateTask, $$"""{"task_id":{{id}},"due":"none","priority":"low","tags":["work"]}""");
        Assert.Equal(["due", "priority", "tags"], updated.GetProperty("changed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("updated").GetProperty("due").ValueKind);

        Assert.True((await Call(ToolNames.CompleteTask, $$"""{"task_id":{{id}}}""")).GetProperty("completed").GetProperty("completed").GetBoolean());
        Assert.False((await Call(ToolNames.CompleteTask, $$"""{"task_id":{{id}},"completed":false}""")).GetProperty("reopened").GetProperty("completed").GetBoolean());
        Assert.Equal("Report", (await Call(ToolNames.DeleteTask, $$"""{"task_id":{{id}}}""")).GetProperty("deleted").GetProperty("title").GetString());
        Assert.Equal(0, await Db.CountTasksAsync());
    }

    [ProviderFact]
    public async Task List_filters_and_caps_the_page()
    {
        for (var i = 1; i <= TaskPlugin.ListCap + 5; i++)
            await Db.Tasks.CreateAsync(User, new TaskDraft($"Errand {i}", DueUtc: Db.Clock.GetUtcNow().UtcDateTime.AddDays(i - 3)));
        await Db.Tasks.CreateAsync(User, new TaskDraft("Dentist", Tags: ["health"]));

        var all = await Call(ToolNames.ListTasks);
        Assert.Equal(TaskPlugin.ListCap + 6, all.GetProperty("total").GetInt32());
        Assert.Equal(TaskPlugin.ListCap, all.GetProperty("tasks").GetArrayLength());
        Assert.True(all.GetProperty("truncated").GetBoolean());

        var overdue = await Call(ToolNames.ListTasks, """{"completed":false,"due_before":"now"}""");
        Assert.Equal(2, overdue.GetProperty("total").GetInt32());
        Assert.True(overdue.GetProperty("tasks")[0].GetProperty("overdue").GetBoolean());

        Assert.Equal("Dentist", (await Call(ToolNames.ListTasks, """{"tag":"health"}""")).GetProperty("tasks")[0].GetProperty("title").GetString());
        Assert.Equal(1, (await Call(ToolNames.ListTasks, """{"text":"dentist"}""")).GetProperty("total").GetInt32());
    }

    [ProviderFact]
    public async Task Bulk_tools_and_summary()
    {
        var now = Db.Clock.GetUtcNow().UtcDateTime;
        await Db.Tasks.CreateAsync(User, new TaskDraft("Late", Priority: TaskPriority.High, DueUtc: now.AddHours(-2)));
        await Db.Tasks.CreateAsync(User, new TaskDraft("Tonight", DueUtc: now.AddHours(3)));
        await Db.Tasks.CreateAsync(User, new TaskDraft("Someday", Priority: TaskPriority.Low));

        var summary = await Call(ToolNames.SummarizeTasks);
        Assert.Equal("""{"open":3,"overdue":1,"due_today":2,"due_this_week":2,"by_priority":{"high":1,"medium":1,"low":1}}""", summary.GetRawText());

        Assert.Equal(3, (await Call(ToolNames.CompleteAllTasks)).GetProperty("completed_count").GetInt32());
        Assert.Equal(0, (await Call(ToolNames.SummarizeTasks)).GetProperty("open").GetInt32());
        Assert.Equal(3, (await Call(ToolNames.DeleteAllTasks)).GetProperty("deleted_count").GetInt32());
        Assert.Equal(0, await Db.CountTasksAsync());
    }

    [ProviderFact]
    public async Task Arguments_of_the_wrong_type_throw_for_the_loop_to_report()
    {
        var call = tools.Single(t => t.Name == ToolNames.CompleteTask);
        var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>("""{"task_id":"twelve"}""")!;

        // Exactly the conversion failure: TaskToolInvoker's schema check turns it into a sentence the
        // model can act on before the call ever gets here (see ToolBadInputTests).
        var thrown = await Assert.ThrowsAsync<FormatException>(async () => await call.InvokeAsync(new AIFunctionArguments(arguments)));
        Assert.Equal("The input string 'twelve' was not in a correct format.", thrown.Message);
        Assert.Equal(0, await Db.CountTasksAsync());
    }

    [ProviderFact]
    public async Task Add_task_takes_a_repeat_rule_and_shows_it_in_words()
    {
        var added = (await Call(ToolNames.AddTask, """{"title":"Team sync","due":"tomorrow 9am","repeat":"freq=weekly;byday=th"}""")).GetProperty("added");

        Assert.Equal("FREQ=WEEKLY;BYDAY=TH", added.GetProperty("repeat").GetString());
        Assert.Equal("every week on Thu", added.GetProperty("repeat_text").GetString());
        Assert.True(added.GetProperty("due_has_time").GetBoolean());

        var dayOnly = (await Call(ToolNames.AddTask, """{"title":"Rent","due":"friday","repeat":"FREQ=MONTHLY;BYMONTHDAY=13"}""")).GetProperty("added");
        Assert.False(dayOnly.GetProperty("due_has_time").GetBoolean());
        Assert.False((await Db.Tasks.GetAsync(User, dayOnly.GetProperty("id").GetInt32())).DueHasTime);
    }

    [ProviderTheory]
    [InlineData("""{"title":"x","repeat":"FREQ=DAILY"}""", "A recurring task needs a due date.")]
    [InlineData("""{"title":"x","due":"tomorrow","repeat":"FREQ=DAILY;BYHOUR=9"}""", "BYHOUR is not supported: a task repeats on days; its time of day comes from the due date.")]
    [InlineData("""{"title":"x","due":"tomorrow","repeat":"FREQ=HOURLY"}""", "FREQ=HOURLY is not supported: a task repeats at most daily.")]
    public async Task A_bad_repeat_rule_is_an_error_and_adds_nothing(string arguments, string message)
    {
        var result = await Call(ToolNames.AddTask, arguments);

        Assert.Equal(message, result.GetProperty("error").GetString());
        Assert.Equal(0, await Db.CountTasksAsync());
    }

    [ProviderFact]
    public async Task Completing_a_repeating_task_reports_the_next_due_and_update_can_stop_it()
    {
        var id = (await Call(ToolNames.AddTask, """{"title":"Team sync","due":"tomorrow 9am","repeat":"FREQ=WEEKLY;BYDAY=TH"}""")).GetProperty("added").GetProperty("id").GetInt32();

        var result = await Call(ToolNames.CompleteTask, $$"""{"task_id":{{id}}}""");

        Assert.True(result.GetProperty("completed").GetProperty("completed").GetBoolean());
        Assert.Equal("2026-03-12T09:00:00+00:00", result.GetProperty("completed").GetProperty("due").GetString());
        Assert.Equal(id, result.GetProperty("next").GetProperty("id").GetInt32());
        Assert.Equal("2026-03-19T09:00:00+00:00", result.GetProperty("next").GetProperty("due").GetString());

        var updated = await Call(ToolNames.UpdateTask, $$"""{"task_id":{{id}},"repeat":"none"}""");
        Assert.Equal(["repeat"], updated.GetProperty("changed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("updated").GetProperty("repeat").ValueKind);
    }
}
