using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace TaskChat.Core.Assistant.Providers;

/// <summary>
/// Joins the pieces of streamed tool calls into whole <see cref="FunctionCallContent"/>s. Providers differ:
/// OpenAI sends the id and name on the first piece and the arguments in many; others send each call
/// whole; some give every call index 0 (or no index, which reads as 0), so a new id at the same index
/// also starts a new call. Calls arrive one after another, so a call is complete when the next starts.
/// </summary>
internal sealed class StreamingToolCallAccumulator
{
    private PendingCall? current;

    /// <summary>Adds a piece; returns the previous call when this piece starts a new one.</summary>
    public FunctionCallContent? Add(StreamingChatToolCallUpdate piece)
    {
        var completed = current is not null && current.IsOtherCall(piece) ? Complete() : null;
        current ??= new PendingCall(piece.Index);
        current.Append(piece);
        return completed;
    }

    /// <summary>The call still being assembled, if any, now that no more pieces will come for it.</summary>
    public FunctionCallContent? Complete()
    {
        var call = current?.ToContent();
        current = null;
        return call;
    }

    private sealed class PendingCall(int index)
    {
        private readonly StringBuilder arguments = new();
        private string? id;
        private string? name;

        public bool IsOtherCall(StreamingChatToolCallUpdate piece) =>
            piece.Index != index
            || (!string.IsNullOrEmpty(piece.ToolCallId) && !string.IsNullOrEmpty(id) && piece.ToolCallId != id);

        public void Append(StreamingChatToolCallUpdate piece)
        {
            if (!string.IsNullOrEmpty(piece.ToolCallId)) id = piece.ToolCallId;
            if (!string.IsNullOrEmpty(piece.FunctionName)) name = piece.FunctionName;
            if (piece.FunctionArgumentsUpdate is { } update) arguments.Append(update.ToString());
        }

        public FunctionCallContent ToContent()
        {
            // Some providers omit the id; the loop still needs one to pair the result with the call.
            var callId = string.IsNullOrEmpty(id) ? "call_" + Guid.NewGuid().ToString("N") : id;
            var functionName = name ?? "";
            try
            {
                return new FunctionCallContent(callId, functionName, ParseArguments(arguments.ToString()));
            }
            catch (JsonException exception)
            {
                // Still emitted, so the loop can tell the model its arguments were malformed and let it retry.
                return new FunctionCallContent(callId, functionName, new Dictionary<string, object?>())
                {
                    Exception = new InvalidOperationException($"The arguments for '{functionName}' are not a valid JSON object.", exception),
                };
            }
        }

        private static Dictionary<string, object?> ParseArguments(string json)
        {
            var parsed = new Dictionary<string, object?>();
            // A call without parameters may come with no arguments text at all.
            if (string.IsNullOrWhiteSpace(json)) return parsed;

            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new JsonException($"Expected a JSON object, got {document.RootElement.ValueKind}.");
            foreach (var property in document.RootElement.EnumerateObject())
                parsed[property.Name] = property.Value.Clone();
            return parsed;
        }
    }
}
