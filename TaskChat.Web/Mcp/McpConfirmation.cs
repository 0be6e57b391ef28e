using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Connections;
using TaskChat.Core.Tasks;

namespace TaskChat.Web.Mcp;

/// <summary>
/// The chat's confirmation rule for connected apps: a bulk tool, or a deletion past the per-minute
/// allowance, runs only once the user has said yes. A client that can ask its user (MCP elicitation)
/// is asked to; any other (a client without elicitation, or one on a protocol revision before
/// multi round-trip requests) gets a refusal that says how to confirm in TaskChat, where the request
/// waits as an approval card in every open tab until the app calls again.
/// </summary>
internal sealed class McpConfirmation(AppApprovals approvals, TaskService tasks)
{
    private const string ConfirmField = "confirm";

    /// <returns>Null when the call may run; otherwise what the app is told instead (nothing was done).</returns>
    /// <exception cref="InputRequiredException">The client is to ask its user, then call again with the answer.</exception>
    public async Task<string?> RefusalAsync(McpServer server, CallToolRequestParams call, TokenHolder holder, IDictionary<string, object?> arguments, CancellationToken ct)
    {
        // A deletion of a task that is not there needs no yes: it fails on its own.
        if (await SummaryAsync(holder.UserId, call.Name, arguments, ct) is not { } summary) return null;

        if (server.IsMrtrSupported && server.ClientCapabilities?.Elicitation is not null) return AskedClient(call, summary);

        var state = await approvals.ClaimOrRequestAsync(holder, call.Name, Canonical(arguments), summary, ct);
        var minutes = (int)AppApprovals.Lifetime.TotalMinutes;
        return state switch
        {
            AppApprovalState.Approved => null,
            AppApprovalState.Declined => $"The user declined this in TaskChat (\"{summary}\"); nothing was changed.",
            _ => $"Not done: \"{summary}\" needs the user's confirmation, and nothing was changed. A request from \"{holder.TokenName}\" is waiting "
                 + $"in TaskChat, in every open tab. Ask the user to approve it there, then call {call.Name} again with the same arguments "
                 + $"within {minutes} minutes: it will then run once.",
        };
    }

    /// <summary>
    /// Asks through the client (MCP elicitation, as a multi round-trip request: no session is held
    /// while the user thinks, so any instance can take the call back). The first call ends with the
    /// question; the client asks its user and repeats the call with the answer, read here.
    /// </summary>
    private static string? AskedClient(CallToolRequestParams call, string summary)
    {
        if (call.InputResponses?.TryGetValue(ConfirmField, out var response) == true)
        {
            var answer = response.Deserialize(InputResponse.ElicitResultJsonTypeInfo);
            var confirmed = answer is { IsAccepted: true } && answer.Content?.TryGetValue(ConfirmField, out var yes) == true && yes.ValueKind == JsonValueKind.True;
            return confirmed ? null : $"The user did not confirm \"{summary}\"; nothing was changed.";
        }
        throw new InputRequiredException(new Dictionary<string, InputRequest>
        {
            [ConfirmField] = InputRequest.ForElicitation(new ElicitRequestParams
            {
                Message = $"TaskChat: {summary}? This cannot be undone from here.",
                RequestedSchema = new ElicitRequestParams.RequestSchema
                {
                    Properties = { [ConfirmField] = new ElicitRequestParams.BooleanSchema { Title = "Yes, do it", Description = summary } },
                    Required = [ConfirmField],
                },
            }),
        }, requestState: null);
    }

    /// <summary>What the call would do, in words for the card and the question; null for nothing to confirm.</summary>
    private async Task<string?> SummaryAsync(string userId, string tool, IDictionary<string, object?> arguments, CancellationToken ct)
    {
        switch (tool)
        {
            case ToolNames.DeleteAllTasks:
                var all = await tasks.QueryAsync(userId, new TaskQuery { Status = TaskStatusFilter.All, Take = 1 }, ct);
                return all.TotalCount == 1 ? "Delete your 1 task" : $"Delete all {all.TotalCount} of your tasks";
            case ToolNames.CompleteAllTasks:
                var open = await tasks.QueryAsync(userId, new TaskQuery { Status = TaskStatusFilter.Open, Take = 1 }, ct);
                return open.TotalCount == 1 ? "Mark your 1 open task as done" : $"Mark all {open.TotalCount} open tasks as done";
            case ToolNames.DeleteTask when arguments.TryGetValue("task_id", out var id) && id is JsonElement e && e.TryGetInt32(out var taskId):
                try
                {
                    var title = (await tasks.GetAsync(userId, taskId, ct)).Title;
                    return $"Delete the task \"{(title.Length > 200 ? title[..200] + "…" : title)}\"";
                }
                catch (TaskNotFoundException)
                {
                    return null;
                }
            default:
                return null;
        }
    }

    /// <summary>The arguments in one spelling, so "the same call again" is recognised whatever the key order.</summary>
    private static string Canonical(IDictionary<string, object?> arguments) =>
        JsonSerializer.Serialize(new SortedDictionary<string, object?>(arguments, StringComparer.Ordinal));
}
