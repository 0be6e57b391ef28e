namespace TaskChat.Core.Assistant.Providers.Gemini;

/// <summary>
/// Ids for function calls. Gemini usually sends calls without an id and pairs each functionResponse with
/// its call by name and order; the run loop, the database and the approval buttons still need one id per
/// call. Ids we make up carry a prefix, so that even a call rebuilt from the database (where nothing
/// else about it survives) is never sent back to Gemini with an id it did not issue.
/// </summary>
internal static class GeminiCallIds
{
    private const string LocalPrefix = "gemini-local-";

    public static string New() => LocalPrefix + Guid.NewGuid().ToString("N");

    /// <summary>The id to send back to Gemini, or null when it never gave one.</summary>
    public static string? ForGemini(string callId) =>
        string.IsNullOrEmpty(callId) || callId.StartsWith(LocalPrefix, StringComparison.Ordinal) ? null : callId;
}
