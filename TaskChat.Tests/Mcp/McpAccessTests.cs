using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Connections;
using TaskChat.Core.Tasks;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Mcp;

/// <summary>Who may use /mcp, and how much: tokens, their scope, revocation and the per-token call limit.</summary>
public sealed class McpAccessTests(McpAppFixture fixture) : IClassFixture<McpAppFixture>
{
    private AppServer App => fixture.App;

    [Fact]
    public async Task No_token_is_401_with_a_bearer_challenge_and_says_where_to_get_one()
    {
        using var http = App.CreateClient();
        var response = await http.PostAsync("mcp", Initialize());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"TaskChat\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("Connected apps", await response.Content.ReadAsStringAsync());
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => McpConnection.ConnectAsync(App, secret: null));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData("tcp_notARealTokenAtAll0000000000000000000000")]
    [InlineData("not-even-our-format")]
    public async Task A_wrong_token_is_401_invalid_token(string secret)
    {
        using var http = App.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "mcp") { Content = Initialize() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_signed_in_browsers_cookie_is_not_a_token()
    {
        var email = TestAccounts.NewEmail();
        using var browser = new FormClient(App);
        await browser.RegisterAsync(email, TestAccounts.Password);
        Assert.NotNull(browser.Cookie("TaskChat.Auth"));

        var response = await browser.PostAsync("mcp", Initialize());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_stops_working_at_once_even_in_a_connected_client()
    {
        var user = await McpUser.CreateAsync(App);
        await using var client = await user.ConnectAsync(App);
        Assert.False((await client.CallAsync(ToolNames.ListTasks)).IsError);

        await using (var core = App.CoreServices())
            Assert.True(await core.GetRequiredService<AccessTokens>().RevokeAsync(user.UserId, user.TokenId));

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.CallAsync(ToolNames.AddTask, new { title = "After revoke" }));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Empty(await App.TasksOfAsync(user.UserId));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<HttpRequestException>(() => user.ConnectAsync(App))).StatusCode);
        // Used and refused, the secret is never written to the log.
        Assert.DoesNotContain(user.Secret[4..], App.Output);
    }

    [Fact]
    public async Task A_read_only_token_reads_but_every_writing_tool_is_refused_and_changes_nothing()
    {
        var reader = await McpUser.CreateAsync(App, AccessTokenScope.ReadOnly);
        await App.AddTaskAsync(reader.Email, "Existing");
        var existing = (await App.TasksOfAsync(reader.UserId)).Single().Id;
        await using var client = await reader.ConnectAsync(App);

        Assert.Equal(1, (await client.CallAsync(ToolNames.ListTasks)).Json.GetProperty("total").GetInt32());
        Assert.Equal(1, (await client.CallAsync(ToolNames.SummarizeTasks)).Json.GetProperty("open").GetInt32());
        foreach (var (tool, args) in new (string, object?)[]
                 {
                     (ToolNames.AddTask, new { title = "Sneaky" }),
                     (ToolNames.UpdateTask, new { task_id = existing, title = "Renamed" }),
                     (ToolNames.CompleteTask, new { task_id = existing }),
                     (ToolNames.DeleteTask, new { task_id = existing }),
                     (ToolNames.CompleteAllTasks, null),
                     (ToolNames.DeleteAllTasks, null),
                 })
            Assert.StartsWith($"This token is read-only, and {tool} changes tasks, so nothing was done.", (await client.CallAsync(tool, args)).Error());

        var after = Assert.Single(await App.TasksOfAsync(reader.UserId));
        Assert.Equal(("Existing", false), (after.Title, after.IsCompleted));
    }

    [Fact]
    public async Task Calls_past_the_tokens_limit_are_refused_with_the_wait_and_do_nothing_while_another_token_goes_on()
    {
        var busy = await McpUser.CreateAsync(App);
        var other = await McpUser.CreateAsync(App);
        await using var client = await busy.ConnectAsync(App);
        await using var otherClient = await other.ConnectAsync(App);

        for (var i = 0; i < McpAppFixture.CallsPerMinute; i++)
            Assert.False((await client.CallAsync(ToolNames.SummarizeTasks)).IsError);
        var refused = (await client.CallAsync(ToolNames.AddTask, new { title = "One too many" })).Error();

        Assert.Matches($"^Too many tool calls with this token: at most {McpAppFixture.CallsPerMinute} a minute. Nothing was done; try again in [0-9]+ seconds.$", refused);
        Assert.Empty(await App.TasksOfAsync(busy.UserId));
        Assert.False((await otherClient.CallAsync(ToolNames.AddTask, new { title = "Not limited" })).IsError);
    }

    [Fact]
    public async Task A_tokens_use_shows_as_last_used()
    {
        var user = await McpUser.CreateAsync(App);
        await using var core = App.CoreServices();
        var tokens = core.GetRequiredService<AccessTokens>();
        Assert.Null(Assert.Single(await tokens.ListAsync(user.UserId)).LastUsedUtc);

        await using var client = await user.ConnectAsync(App);
        await client.CallAsync(ToolNames.ListTasks);

        var used = Assert.Single(await tokens.ListAsync(user.UserId)).LastUsedUtc;
        Assert.NotNull(used);
        Assert.InRange(used.Value, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddSeconds(5));
    }

    private static StringContent Initialize() => new(
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}""",
        MediaTypeHeaderValue.Parse("application/json"));
}
