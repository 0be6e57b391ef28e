using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TaskChat.Core.Connections;
using TaskChat.Core.Data;

namespace TaskChat.Tests.Infrastructure;

/// <summary>A user of the real app with a personal access token, and the official MCP client on /mcp.</summary>
public sealed record McpUser(string Email, string UserId, int TokenId, string Secret)
{
    /// <summary>Registers a fresh account through the app's form and makes it a token, as the Connected apps page does.</summary>
    public static async Task<McpUser> CreateAsync(AppServer app, AccessTokenScope scope = AccessTokenScope.ReadWrite, string name = "Test client") =>
        await ForAsync(app, await FormClient.RegisterNewAsync(app), scope, name);

    /// <summary>A token for an existing account (one registered in a browser, say).</summary>
    public static async Task<McpUser> ForAsync(AppServer app, string email, AccessTokenScope scope = AccessTokenScope.ReadWrite, string name = "Test client")
    {
        await using var core = app.CoreServices();
        await using var db = await core.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var userId = (await db.Users.SingleAsync(u => u.Email == email)).Id;
        var created = await core.GetRequiredService<AccessTokens>().CreateAsync(userId, name, scope);
        return new McpUser(email, userId, created.Token.Id, created.Secret);
    }

    /// <summary>Connects with this user's token; with <paramref name="confirm"/> the client can ask its user (elicitation) and answers so.</summary>
    public Task<McpClient> ConnectAsync(AppServer app, Func<ElicitRequestParams?, ElicitResult>? confirm = null) =>
        McpConnection.ConnectAsync(app, Secret, confirm);
}

public static class McpConnection
{
    /// <param name="protocolVersion">A revision to pin (e.g. "2025-06-18", as clients of 2025 speak); null for the SDK's newest.</param>
    public static async Task<McpClient> ConnectAsync(AppServer app, string? secret, Func<ElicitRequestParams?, ElicitResult>? confirm = null, string? protocolVersion = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(app.BaseAddress, "mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = secret is null ? null : new Dictionary<string, string> { ["Authorization"] = "Bearer " + secret },
        });
        var options = new McpClientOptions { ProtocolVersion = protocolVersion };
        if (confirm is not null) options.Handlers.ElicitationHandler = (request, _) => ValueTask.FromResult(confirm(request));
        return await McpClient.CreateAsync(transport, options);
    }

    public static ElicitResult Answer(bool yes) => new()
    {
        Action = "accept",
        Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(yes) },
    };

    public static async Task<(bool IsError, JsonElement Json)> CallAsync(this McpClient client, string tool, object? arguments = null)
    {
        var args = arguments is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.SerializeToElement(arguments).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        var result = await client.CallToolAsync(tool, args);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        return (result.IsError == true, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The "error" sentence of a refused call.</summary>
    public static string Error(this (bool IsError, JsonElement Json) result)
    {
        Assert.True(result.IsError, "Expected a refused call, got " + result.Json);
        return result.Json.GetProperty("error").GetString()!;
    }
}
