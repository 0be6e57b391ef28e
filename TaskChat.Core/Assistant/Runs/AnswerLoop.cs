using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using TaskChat.Core.Assistant.Providers;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;
using TaskChat.Core.Sync;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>The model kept calling tools without ever answering.</summary>
public sealed class ToolLoopException(int rounds)
    : Exception($"The assistant kept calling tools without finishing its answer, so it was stopped after {rounds} rounds. Try asking more specifically.");

/// <summary>
/// Our function-calling loop (Microsoft.Extensions.AI's own is not available here): stream a model
/// round, announce each tool call the moment it is known, run the calls in order once the round
/// ends (pausing for the user's approval where needed), feed the results back, repeat until the
/// model answers without calling tools.
/// </summary>
internal sealed class AnswerLoop(AssistantProvider provider, AssistantOptions options, MessageStore store, IUserBroadcaster events, TimeProvider clock, ILogger logger)
{
    private const string Declined = """{"declined":"The user declined; nothing was changed."}""";

    private sealed record PendingCall(FunctionCallContent Content, ToolCallView View);

    /// <summary>One model round: the calls to run, and everything it said, to send back with their results.</summary>
    private sealed record Round(List<PendingCall> Calls, RoundContents Said);

    public async Task<UsageDetails> RunAsync(ChatRun run, List<AiChatMessage> messages, IReadOnlyList<AIFunction> tools)
    {
        var usage = new UsageDetails();
        var chatOptions = new ChatOptions { Tools = [.. tools], ModelId = provider.Model, Temperature = options.Temperature };
        for (var round = 1; ; round++)
        {
            if (round > options.MaxToolRounds) throw new ToolLoopException(options.MaxToolRounds);
            var (calls, said) = await StreamWithRetriesAsync(run, messages, chatOptions, round, usage);
            // A provider that "finishes" having said and done nothing would leave a blank, complete
            // answer: to the user that looks like the app broke, so say what happened.
            if (calls.Count == 0 && run.Shown == (0, 0))
                throw new ProviderException(ProviderErrorKind.Incomplete, "The assistant returned an empty answer; try again.");
            if (calls.Count == 0) return usage;

            messages.Add(new AiChatMessage(AiChatRole.Assistant, said.Contents));
            var results = new List<AIContent>();
            foreach (var call in calls)
                results.Add(new FunctionResultContent(call.Content.CallId, await InvokeAsync(run, call, tools)));
            messages.Add(new AiChatMessage(AiChatRole.Tool, results));
        }
    }

    // 429/5xx/timeouts are retried with backoff, but only while nothing of this model call has been
    // shown: repeating a half-shown reply would duplicate text and tool calls on screen. Earlier
    // rounds are done and stay; a failed later call is retried like the first.
    private async Task<Round> StreamWithRetriesAsync(ChatRun run, List<AiChatMessage> messages, ChatOptions chatOptions, int round, UsageDetails usage)
    {
        var shownBefore = run.Shown;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await StreamRoundAsync(run, messages, chatOptions, round, usage);
            }
            catch (ProviderException e) when (e.IsTransient && run.Shown == shownBefore && attempt < options.MaxRetries
                                              && (e.RetryAfter ?? TimeSpan.Zero) <= TimeSpan.FromSeconds(options.FirstTokenTimeoutSeconds))
            {
                var wait = e.RetryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));
                logger.LogInformation("Provider {Provider} failed ({Kind}); retry {Attempt} in {Wait}", provider.Name, e.Kind, attempt + 1, wait);
                await Task.Delay(wait, clock, run.StopToken);
            }
        }
    }

    private async Task<Round> StreamRoundAsync(ChatRun run, List<AiChatMessage> messages, ChatOptions chatOptions, int round, UsageDetails usage)
    {
        var calls = new List<PendingCall>();
        // Per attempt: a retried round must not send back what a failed attempt said.
        var said = new RoundContents();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(run.StopToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(options.FirstTokenTimeoutSeconds));
        var started = false;
        try
        {
            await foreach (var update in provider.Client.GetStreamingResponseAsync(messages, chatOptions, deadline.Token).WithCancellation(deadline.Token))
            {
                if (!started)
                {
                    started = true;
                    deadline.CancelAfter(TimeSpan.FromSeconds(options.AnswerTimeoutSeconds));
                }
                foreach (var content in update.Contents)
                {
                    said.Add(content);
                    switch (content)
                    {
                        case TextContent { Text.Length: > 0 } text:
                            var length = run.Append(text.Text);
                            events.Publish(run.UserId, new RunChunk(run.ThreadId, run.MessageId, text.Text, length));
                            break;
                        case FunctionCallContent call:
                            calls.Add(await AnnounceAsync(run, call, round));
                            break;
                        case UsageContent used:
                            usage.Add(used.Details);
                            break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !run.StopRequested)
        {
            throw new ProviderException(ProviderErrorKind.Timeout, started
                ? $"The answer took longer than {Seconds(options.AnswerTimeoutSeconds)} and was cut off."
                : $"The assistant did not start answering within {Seconds(options.FirstTokenTimeoutSeconds)}.");
        }
        return new Round(calls, said);
    }

    /// <summary>Stores and shows a tool call as soon as the model has asked for it, before it runs.</summary>
    private async Task<PendingCall> AnnounceAsync(ChatRun run, FunctionCallContent call, int round)
    {
        var deletesSoFar = run.CountToolCalls(ToolNames.DeleteTask);
        var status = ToolNames.NeedsApproval(call.Name, deletesSoFar) ? ToolCallStatus.AwaitingApproval : ToolCallStatus.Running;
        var arguments = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>());
        var offset = run.TextLength;
        var id = await store.AddToolCallAsync(run.MessageId, call.CallId, call.Name, arguments, status, round, offset, run.StopToken);
        var view = new ToolCallView(id, call.CallId, call.Name, arguments, null, status, round, offset);
        if (status == ToolCallStatus.AwaitingApproval) run.ExpectApproval(id);
        Show(run, view);
        return new PendingCall(call, view);
    }

    private async Task<string> InvokeAsync(ChatRun run, PendingCall call, IReadOnlyList<AIFunction> tools)
    {
        var (result, status) = await ResultOfAsync(run, call, tools);
        await store.UpdateToolCallAsync(call.View.Id, status, result, CancellationToken.None);
        Show(run, call.View with { Status = status, ResultJson = result });
        return result;
    }

    // Every failure becomes a result the model reads; none escapes into the loop. Only Stop does.
    private async Task<(string Result, ToolCallStatus Status)> ResultOfAsync(ChatRun run, PendingCall call, IReadOnlyList<AIFunction> tools)
    {
        var content = call.Content;
        if (content.Exception is not null)
            return (ToolJson.Error($"The arguments for {content.Name} were not valid JSON, so nothing was done. Call it again with valid arguments."), ToolCallStatus.Failed);
        if (tools.FirstOrDefault(t => t.Name == content.Name) is not { } tool)
            return (ToolJson.Error($"There is no tool called \"{content.Name}\". Use one of: {string.Join(", ", tools.Select(t => t.Name))}."), ToolCallStatus.Failed);

        if (ToolArgumentCheck.Problem(content.Name, tool.JsonSchema, content.Arguments ?? new Dictionary<string, object?>()) is { } problem)
            return (ToolJson.Error(problem), ToolCallStatus.Failed);

        if (call.View.Status == ToolCallStatus.AwaitingApproval)
        {
            if (!await run.WaitForApprovalAsync(call.View.Id, run.StopToken)) return (Declined, ToolCallStatus.Declined);
            Show(run, call.View with { Status = ToolCallStatus.Running });
        }

        try
        {
            var raw = await tool.InvokeAsync(new AIFunctionArguments(content.Arguments ?? new Dictionary<string, object?>()), run.StopToken);
            var result = raw switch
            {
                string s => s,
                JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
                _ => JsonSerializer.Serialize(raw),
            };
            return (result, IsError(result) ? ToolCallStatus.Failed : ToolCallStatus.Succeeded);
        }
        catch (OperationCanceledException) when (run.StopRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Tool {Tool} failed", content.Name);
            var reason = e.Message.Split('\n')[0];
            return (ToolJson.Error($"{content.Name} failed: {(reason.Length > 200 ? reason[..200] + "…" : reason)}"), ToolCallStatus.Failed);
        }
    }

    private void Show(ChatRun run, ToolCallView view)
    {
        run.SetToolCall(view);
        events.Publish(run.UserId, new RunToolCall(run.ThreadId, run.MessageId, view));
    }

    private static string Seconds(int n) => n == 1 ? "1 second" : $"{n} seconds";

    private static bool IsError(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
