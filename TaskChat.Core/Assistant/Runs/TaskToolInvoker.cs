using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>
/// Microsoft.Extensions.AI's function-calling loop, with the one step of it that is ours: how a task
/// tool call is run. Every call the loop makes passes through <see cref="InvokeFunctionAsync"/>
/// (overridden, so no <see cref="FunctionInvokingChatClient.FunctionInvoker"/> can go around it),
/// where a call waits for the user's Confirm when its card asks for it, and where every failure
/// (malformed or schema-invalid arguments, a tool that throws) becomes a result the model reads.
/// Only Stop ends the loop from here.
/// </summary>
internal sealed class TaskToolInvoker(IChatClient inner, ChatRun run, ToolCallCards cards, AnswerTelemetry telemetry, ILoggerFactory loggers)
    : FunctionInvokingChatClient(inner, loggers)
{
    private readonly ILogger logger = loggers.CreateLogger<TaskToolInvoker>();

    protected override async ValueTask<object?> InvokeFunctionAsync(FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        var card = cards.Of(context.CallContent);
        // Only tools that exist get here: the name is one of ours, never free text from the model.
        var span = AnswerTelemetry.StartToolCall(card.Name, card.CallId);
        var outcome = ToolOutcomes.Cancelled;
        try
        {
            (var result, var status, outcome) = await ResultOfAsync(context, card, cancellationToken);
            await cards.FinishAsync(card, result, status);
            return result;
        }
        finally
        {
            telemetry.ToolCallEnded(span, card.Name, outcome);
        }
    }

    /// <summary>A call of a tool that does not exist never reaches <see cref="InvokeFunctionAsync"/>: the model reads what its card says.</summary>
    protected override IList<AiChatMessage> CreateResponseMessages(ReadOnlySpan<FunctionInvocationResult> results)
    {
        var contents = new List<AIContent>(results.Length);
        foreach (var result in results)
        {
            // Counted, but under one name: what the model made up is not a tag value.
            if (result.Status == FunctionInvocationStatus.NotFound) telemetry.ToolCallEnded(null, "unknown", ToolOutcomes.NotFound);
            contents.Add(result.Status == FunctionInvocationStatus.NotFound
                ? new FunctionResultContent(result.CallContent.CallId, cards.ResultOf(result.CallContent))
                : new FunctionResultContent(result.CallContent.CallId, result.Result ?? ToolJson.Error($"{result.CallContent.Name} failed."))
                {
                    Exception = result.Exception,
                });
        }
        return [new AiChatMessage(AiChatRole.Tool, contents)];
    }

    private async Task<(string Result, ToolCallStatus Status, string Outcome)> ResultOfAsync(FunctionInvocationContext context, ToolCallView card, CancellationToken cancellationToken)
    {
        var call = context.CallContent;
        if (call.Exception is not null) return (ToolResults.Malformed(call.Name), ToolCallStatus.Failed, ToolOutcomes.InvalidArguments);
        if (ToolArgumentCheck.Problem(call.Name, context.Function.JsonSchema, context.Arguments) is { } problem)
            return (ToolJson.Error(problem), ToolCallStatus.Failed, ToolOutcomes.InvalidArguments);
        ToolArgumentCheck.DropNullOptionals(context.Function.JsonSchema, context.Arguments);

        // The gate: decided when the call was announced, from its name and this answer's deletions.
        if (card.Status == ToolCallStatus.AwaitingApproval)
        {
            if (!await run.WaitForApprovalAsync(card.Id, cancellationToken)) return (ToolResults.Declined, ToolCallStatus.Declined, ToolOutcomes.Declined);
            cards.Running(card);
        }

        try
        {
            var raw = await context.Function.InvokeAsync(context.Arguments, cancellationToken);
            var result = raw switch
            {
                string s => s,
                JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
                _ => JsonSerializer.Serialize(raw),
            };
            return ToolResults.IsError(result)
                ? (result, ToolCallStatus.Failed, ToolOutcomes.Error)
                : (result, ToolCallStatus.Succeeded, ToolOutcomes.Ok);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Tool {Tool} failed", call.Name);
            return (ToolResults.Failed(call.Name, e), ToolCallStatus.Failed, ToolOutcomes.Error);
        }
    }
}
