using System.Text.Json;

namespace TaskChat.Tests.Infrastructure;

/// <summary>One request as the server received it.</summary>
public sealed class RecordedRequest
{
    public RecordedRequest(string body, string pathAndQuery, IReadOnlyDictionary<string, string> headers)
    {
        Body = body;
        PathAndQuery = pathAndQuery;
        Headers = headers;
        using var document = JsonDocument.Parse(body);
        Json = document.RootElement.Clone();
    }

    public string Body { get; }

    /// <summary>The path and query string as sent, e.g. <c>/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse</c>.</summary>
    public string PathAndQuery { get; }

    /// <summary>Every header as sent (names case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The Authorization header as sent, empty when there was none.</summary>
    public string Authorization => Header("Authorization");

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";

    public JsonElement Json { get; }
}
