using Microsoft.AspNetCore.Authentication;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using TaskChat.Core;

namespace TaskChat.Web.Mcp;

/// <summary>
/// The MCP server at /mcp (Streamable HTTP), for AI clients acting on a user's tasks with a personal
/// access token.
/// </summary>
internal static class McpEndpoint
{
    public const string Path = "/mcp";

    public static void AddTaskChatMcp(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<McpOptions>(builder.Configuration.GetSection(McpOptions.Section));
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AccessTokenAuthentication>(AccessTokenAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(AccessTokenAuthentication.Policy,
            p => p.AddAuthenticationSchemes(AccessTokenAuthentication.SchemeName).RequireAuthenticatedUser());
        builder.Services.AddSingleton<ToolCallLimits>();
        builder.Services.AddSingleton<DeleteAllowance>();
        builder.Services.AddSingleton<McpConfirmation>();
        builder.Services.AddSingleton<McpTaskTools>();

        builder.Services.AddMcpServer(o =>
            {
                o.ServerInfo = new Implementation { Name = "TaskChat", Title = "TaskChat tasks", Version = typeof(McpEndpoint).Assembly.GetName().Version?.ToString(3) ?? "1.0.0" };
                o.ServerInstructions = "The user's TaskChat task list. Find a task's id with list_tasks before changing it. "
                    + "Bulk tools, and deletions past a few a minute, run only after the user confirms.";
            })
            // Stateless: each request stands alone, so any instance can answer it and nothing is
            // held in memory between calls (a confirmation is a multi round-trip request instead).
            .WithHttpTransport(o => o.SessionMode = HttpServerSessionMode.Stateless)
            .WithListToolsHandler((request, ct) => request.Services!.GetRequiredService<McpTaskTools>().ListAsync(request, ct))
            .WithCallToolHandler((request, ct) => request.Services!.GetRequiredService<McpTaskTools>().CallAsync(request, ct));
    }

    public static void MapTaskChatMcp(this WebApplication app) =>
        app.MapMcp(Path).RequireAuthorization(AccessTokenAuthentication.Policy);
}
