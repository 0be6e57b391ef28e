using Microsoft.Extensions.AI;

namespace TaskChat.Core.Assistant.Providers.Gemini;

/// <summary>
/// What Gemini's <c>finishReason</c> and <c>promptFeedback.blockReason</c> values mean for the answer:
/// the <see cref="ChatFinishReason"/> to report and, when the answer cannot be used as it stands, the
/// failure to show the user in plain words. Any value not listed (Google adds them) is treated as an
/// unexplained stop rather than as success.
/// </summary>
internal static class GeminiFinishReasons
{
    public static ChatFinishReason ToFinishReason(string reason, bool calledTools) => reason switch
    {
        "STOP" => calledTools ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
        "MAX_TOKENS" => ChatFinishReason.Length,
        "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "LANGUAGE"
            or "IMAGE_SAFETY" or "IMAGE_PROHIBITED_CONTENT" or "IMAGE_RECITATION" => ChatFinishReason.ContentFilter,
        "MALFORMED_FUNCTION_CALL" or "UNEXPECTED_TOOL_CALL" or "TOO_MANY_TOOL_CALLS" => ChatFinishReason.ToolCalls,
        _ => new ChatFinishReason(reason),
    };

    /// <summary>Null when the answer is good to use (STOP); otherwise why it is not.</summary>
    public static ProviderException? Failure(string reason) => reason switch
    {
        "STOP" => null,
        "MAX_TOKENS" => new(ProviderErrorKind.Incomplete, "Gemini reached its length limit, so this answer is cut short."),
        "SAFETY" or "IMAGE_SAFETY" => Refused("for safety reasons"),
        "RECITATION" or "IMAGE_RECITATION" => Refused("because it was repeating existing material too closely"),
        "BLOCKLIST" => Refused("because it contained blocked terms"),
        "PROHIBITED_CONTENT" or "IMAGE_PROHIBITED_CONTENT" => Refused("because it may involve prohibited content"),
        "SPII" => Refused("because it may contain sensitive personal information"),
        "LANGUAGE" => Refused("because it is in a language Gemini does not support"),
        "MALFORMED_FUNCTION_CALL" => new(ProviderErrorKind.Malformed,
            "Gemini tried to use a task tool but wrote the call incorrectly, so the answer stopped. Try again, perhaps more simply."),
        "UNEXPECTED_TOOL_CALL" => new(ProviderErrorKind.Malformed,
            "Gemini tried to use a tool it was not offered, so the answer stopped. Try again."),
        "TOO_MANY_TOOL_CALLS" => new(ProviderErrorKind.Incomplete,
            "Gemini called tools too many times in a row, so the answer was stopped. Try asking more specifically."),
        _ => new(ProviderErrorKind.Incomplete, $"Gemini stopped this answer without a usable reason ({reason}). Try again."),
    };

    /// <summary>Why a prompt was refused before any answer was written.</summary>
    public static ProviderException Blocked(string reason) => new(ProviderErrorKind.Refused, reason switch
    {
        "SAFETY" or "IMAGE_SAFETY" => "Gemini would not answer this message for safety reasons. Try rephrasing it.",
        "BLOCKLIST" => "Gemini would not answer this message because it contains blocked terms. Try rephrasing it.",
        "PROHIBITED_CONTENT" => "Gemini would not answer this message because it may involve prohibited content.",
        _ => $"Gemini would not answer this message ({reason}). Try rephrasing it.",
    });

    private static ProviderException Refused(string why) =>
        new(ProviderErrorKind.Refused, $"Gemini stopped this answer {why}. Try rephrasing your request.");
}
