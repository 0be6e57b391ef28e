using System.Diagnostics;

namespace TaskChat.Core.Telemetry;

/// <summary>
/// The names TaskChat's own telemetry goes by. The ActivitySource and the meter are both called
/// <see cref="Name"/>: an OpenTelemetry setup subscribes to them by that name. The source is static
/// (costs nothing while no listener samples it); the meter is made per service provider by
/// <see cref="TaskChatMetrics"/>, so tests listen to their own app's instruments only.
/// Nothing here ever carries message text, task titles, e-mail addresses or API keys.
/// </summary>
public static class TaskChatTelemetry
{
    public const string Name = "TaskChat";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>Instrument and span names.</summary>
    public static class Names
    {
        public const string AnswersStarted = "taskchat.answers.started";
        public const string AnswersFinished = "taskchat.answers.finished";
        public const string AnswersFailed = "taskchat.answers.failed";
        public const string TimeToFirstToken = "taskchat.answer.time_to_first_token";
        public const string Tokens = "taskchat.answer.tokens";
        public const string Characters = "taskchat.answer.characters";
        public const string ToolCalls = "taskchat.tool_calls";
        public const string CircuitsLive = "taskchat.circuits.live";
        public const string QueueOverflows = "taskchat.sync.queue_overflows";

        /// <summary>The span around one whole answer, from its start to its last save.</summary>
        public const string AnswerSpan = "taskchat.answer";

        /// <summary>The OpenTelemetry GenAI span name of a tool call: "execute_tool {gen_ai.tool.name}".</summary>
        public static string ToolSpan(string tool) => $"execute_tool {tool}";
    }

    /// <summary>Tag (attribute) names: the GenAI semantic conventions' where one fits.</summary>
    public static class Tags
    {
        public const string Provider = "gen_ai.provider.name";
        public const string Operation = "gen_ai.operation.name";
        public const string Model = "gen_ai.request.model";
        public const string ToolName = "gen_ai.tool.name";
        public const string ToolCallId = "gen_ai.tool.call.id";
        public const string ToolType = "gen_ai.tool.type";
        public const string TokenType = "gen_ai.token.type";
        public const string InputTokens = "gen_ai.usage.input_tokens";
        public const string OutputTokens = "gen_ai.usage.output_tokens";
        public const string ErrorType = "error.type";
        public const string ThreadId = "taskchat.thread.id";
        public const string MessageId = "taskchat.message.id";
        public const string Status = "taskchat.answer.status";
        public const string Reason = "reason";
        public const string Tool = "tool";
        public const string Outcome = "outcome";
    }
}
