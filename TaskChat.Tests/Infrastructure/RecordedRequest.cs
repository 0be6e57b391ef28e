using System.Text.Json;

namespace TaskChat.Tests.Infrastructure;

/// <summary>One request as the server received it.</summary>
public sealed class RecordedRequest
{
    public RecordedRequest(string body, string authorization)
    {
        Body = body;
        Authorization = authorization;
        using var document = JsonDocument.Parse(body);
        Json = document.RootElement.Clone();
    }

    public string Body { get; }

    /// <summary>The Authorization header as sent, empty when there was none.</summary>
    public string Authorization { get; }

    public JsonElement Json { get; }
}
