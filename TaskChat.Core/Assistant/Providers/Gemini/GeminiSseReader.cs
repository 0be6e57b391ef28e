using System.Text;

namespace TaskChat.Core.Assistant.Providers.Gemini;

/// <summary>
/// Reads the <c>data:</c> payloads of a server-sent-events stream, one event at a time. Gemini sends
/// one GenerateContentResponse JSON per event and no end marker: the stream simply ends.
/// </summary>
internal sealed class GeminiSseReader(Stream stream)
{
    private readonly StreamReader reader = new(stream, Encoding.UTF8);

    /// <summary>The next event's data, or null at the end of the stream.</summary>
    public async Task<string?> ReadEventAsync(CancellationToken cancellationToken)
    {
        StringBuilder? data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null) return data.ToString();
                continue;
            }
            if (!line.StartsWith("data:", StringComparison.Ordinal)) continue; // comments, event:, id:, retry:

            var value = line.AsSpan(5);
            if (value.StartsWith(" ")) value = value[1..];
            if (data is null) data = new StringBuilder();
            else data.Append('\n');
            data.Append(value);
        }
        // An event without its closing blank line was cut off; the SSE rules say to drop it, and the
        // missing finish reason then reports the cut.
        return null;
    }
}
