using System.Text.Json;
using Microsoft.Extensions.AI;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Core.Chat;
using TaskChat.Core.Sync;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>
/// The tool calls of one answer as the user sees them: each stored and shown the moment the model
/// has asked for it, then updated as it waits, runs and ends. Calls are keyed by the very
/// <see cref="FunctionCallContent"/> the provider streamed (the model's call ids need not be unique),
/// which is the one the function invoker later hands back.
/// </summary>
internal sealed class ToolCallCards(ChatRun run, MessageStore store, IUserBroadcaster events, IReadOnlyList<AIFunction> tools)
{
    private readonly Dictionary<FunctionCallContent, ToolCallView> cards = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Stores and shows a call before it runs. Whether it must wait for the user is decided here, from
    /// its name and the deletions already asked for in this answer, never from anything the model
    /// sends with it. A call of a tool that does not exist has failed already: the function invoker
    /// never reaches it, so its card says why at once (and <see cref="ResultOf"/> tells the model the same).
    /// </summary>
    public async Task AnnounceAsync(FunctionCallContent call, int round)
    {
        var known = tools.Any(t => t.Name == call.Name);
        var status = !known ? ToolCallStatus.Failed
            : ToolNames.NeedsApproval(call.Name, run.CountToolCalls(ToolNames.DeleteTask)) ? ToolCallStatus.AwaitingApproval
            : ToolCallStatus.Running;
        var result = known ? null
            : call.Exception is not null ? ToolResults.Malformed(call.Name)
            : ToolResults.NoSuchTool(call.Name, tools.Select(t => t.Name));
        var arguments = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>());
        var offset = run.TextLength;
        var id = await store.AddToolCallAsync(run.MessageId, call.CallId, call.Name, arguments, status, round, offset, run.StopToken);
        if (result is not null) await store.UpdateToolCallAsync(id, status, result, run.StopToken);
        var card = new ToolCallView(id, call.CallId, call.Name, arguments, result, status, round, offset);
        lock (cards) cards[call] = card;
        if (status == ToolCallStatus.AwaitingApproval) run.ExpectApproval(id);
        Show(card);
    }

    /// <summary>The card of a call that was announced; a call that was not is never run.</summary>
    public ToolCallView Of(FunctionCallContent call)
    {
        lock (cards)
            return cards.TryGetValue(call, out var card)
                ? card
                : throw new InvalidOperationException($"Tool call {call.CallId} ({call.Name}) was never announced, so it is not run.");
    }

    /// <summary>The result already decided for a call the invoker could not run.</summary>
    public string ResultOf(FunctionCallContent call) =>
        Of(call).ResultJson ?? ToolResults.NoSuchTool(call.Name, tools.Select(t => t.Name));

    public void Running(ToolCallView card) => Show(card with { Status = ToolCallStatus.Running });

    public async Task FinishAsync(ToolCallView card, string result, ToolCallStatus status)
    {
        // Saved even when the answer is being stopped: the tool has run (or been declined) and the
        // card must say so.
        await store.UpdateToolCallAsync(card.Id, status, result, CancellationToken.None);
        Show(card with { Status = status, ResultJson = result });
    }

    private void Show(ToolCallView card)
    {
        run.SetToolCall(card);
        events.Publish(run.UserId, new RunToolCall(run.ThreadId, run.MessageId, card));
    }
}
