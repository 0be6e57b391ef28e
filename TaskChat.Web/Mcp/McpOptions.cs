using System.ComponentModel.DataAnnotations;

namespace TaskChat.Web.Mcp;

/// <summary>The "Mcp" section: the MCP server at /mcp that connected apps (Claude Desktop, VS Code, …) use.</summary>
public sealed class McpOptions
{
    public const string Section = "Mcp";

    /// <summary>Tool calls one token may make per minute on one instance; the next is refused with the wait.</summary>
    [Range(1, 10_000)]
    public int ToolCallsPerMinute { get; set; } = 60;

    /// <summary>Deletions one token may make per minute before each further one needs the user's confirmation.</summary>
    [Range(0, 100)]
    public int UnconfirmedDeletesPerMinute { get; set; } = 3;
}
