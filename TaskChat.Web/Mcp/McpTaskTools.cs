using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskChat.Core.Accounts;
using TaskChat.Core.Assistant.Runs;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Connections;
using TaskChat.Core.Tasks;
using TaskChat.Core.Telemetry;

namespace TaskChat.Web.Mcp;

/// <summary>
/// The assistant's task tools, served over MCP: the very Semantic Kernel plugin functions the chat's
/// model calls (<see cref="TaskKernel"/>), with their names, descriptions, schemas, argument checks
/// and error texts, bound for each call to the token's user, never to one named in the request.
/// Around them, what a connected app adds: the token's scope, its call limit and the confirmation rule.
/// </summary>
internal sealed class McpTaskTools(
    TaskService tasks,
    UserTimeZones zones,
    TimeProvider clock,
    ToolCallLimits limits,
    DeleteAllowance deletes,
    McpConfirmation confirmation,
    TaskChatMetrics metrics)
{
    // Names, descriptions and schemas do not depend on the user: listed from one unbound kernel.
    private readonly Tool[] listed = new TaskKernel(new TaskPlugin(tasks, "(listing only)", TimeZoneInfo.Utc, clock)).Tools
        .Select(fn => new Tool { Name = fn.Name, Description = fn.Description, InputSchema = fn.JsonSchema, Annotations = McpToolHints.For(fn.Name) })
        .ToArray();

    public ValueTask<ListToolsResult> ListAsync(RequestContext<ListToolsRequestParams> request, CancellationToken ct) =>
        ValueTask.FromResult(new ListToolsResult { Tools = listed });

    public async ValueTask<CallToolResult> CallAsync(RequestContext<CallToolRequestParams> request, CancellationToken ct)
    {
        var call = request.Params ?? throw new McpProtocolException("tools/call needs params.", McpErrorCode.InvalidParams);
        if (!ToolNames.All.Contains(call.Name))
            throw new McpProtocolException($"There is no tool called \"{call.Name}\". Use one of: {string.Join(", ", ToolNames.All)}.", McpErrorCode.InvalidParams);
        var holder = AccessTokenAuthentication.HolderOf(request.User!);

        var (result, outcome) = await RunAsync(request.Server, holder, call, ct);
        metrics.ToolCall(call.Name, outcome);
        return new CallToolResult { IsError = outcome != ToolOutcomes.Ok, Content = [new TextContentBlock { Text = result }] };
    }

    private async Task<(string Result, string Outcome)> RunAsync(McpServer server, TokenHolder holder, CallToolRequestParams call, CancellationToken ct)
    {
        if (limits.Refusal(holder.TokenId) is { } tooMany) return (ToolJson.Error(tooMany), ToolOutcomes.Refused);
        if (holder.Scope == AccessTokenScope.ReadOnly && !McpToolHints.IsReadOnly(call.Name))
            return (ToolJson.Error($"This token is read-only, and {call.Name} changes tasks, so nothing was done. "
                                   + "To allow it, the user can create a read-and-write token in TaskChat under Connected apps."), ToolOutcomes.Refused);

        var zone = await zones.GetAsync(holder.UserId, ct);
        var function = new TaskKernel(new TaskPlugin(tasks, holder.UserId, zone, clock)).Tools.Single(t => t.Name == call.Name);
        var arguments = call.Arguments?.ToDictionary(a => a.Key, a => (object?)a.Value) ?? [];
        if (ToolArgumentCheck.Problem(call.Name, function.JsonSchema, arguments) is { } problem) return (ToolJson.Error(problem), ToolOutcomes.InvalidArguments);
        ToolArgumentCheck.DropNullOptionals(function.JsonSchema, arguments);

        if (NeedsConfirmation(holder, call.Name) && await confirmation.RefusalAsync(server, call, holder, arguments, ct) is { } refusal)
            return (ToolJson.Error(refusal), ToolOutcomes.Declined);

        var raw = await function.InvokeAsync(new AIFunctionArguments(arguments), ct);
        var result = raw switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
            _ => JsonSerializer.Serialize(raw),
        };
        if (ToolResults.IsError(result)) return (result, ToolOutcomes.Error);
        if (call.Name == ToolNames.DeleteTask) deletes.Record(holder.TokenId);
        return (result, ToolOutcomes.Ok);
    }

    private bool NeedsConfirmation(TokenHolder holder, string tool) =>
        tool is ToolNames.CompleteAllTasks or ToolNames.DeleteAllTasks || (tool == ToolNames.DeleteTask && deletes.Exhausted(holder.TokenId));
}
