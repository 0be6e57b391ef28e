using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Mcp;

/// <summary>One app process for the MCP tests, with a call limit low enough to reach in a test.</summary>
public sealed class McpAppFixture() : AppServerFixture(new Dictionary<string, string> { ["Mcp:ToolCallsPerMinute"] = McpAppFixture.CallsPerMinute.ToString() })
{
    public const int CallsPerMinute = 30;
}
