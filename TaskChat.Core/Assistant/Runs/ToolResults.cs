using System.Text.Json;
using TaskChat.Core.Assistant.Tools;

namespace TaskChat.Core.Assistant.Runs;

/// <summary>
/// What the model reads when a call did not run as asked. Each names the problem and what to do, so
/// the model can correct itself; none is ever thrown into the function-calling loop.
/// </summary>
public static class ToolResults
{
    public const string Declined = """{"declined":"The user declined; nothing was changed."}""";

    public static string Malformed(string tool) =>
        ToolJson.Error($"The arguments for {tool} were not valid JSON, so nothing was done. Call it again with valid arguments.");

    public static string NoSuchTool(string tool, IEnumerable<string> known) =>
        ToolJson.Error($"There is no tool called \"{tool}\". Use one of: {string.Join(", ", known)}.");

    public static string Failed(string tool, Exception e)
    {
        var reason = e.Message.Split('\n')[0];
        return ToolJson.Error($"{tool} failed: {(reason.Length > 200 ? reason[..200] + "…" : reason)}");
    }

    /// <summary>A tool's own result that says it did nothing: {"error": ...}.</summary>
    public static bool IsError(string json)
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
