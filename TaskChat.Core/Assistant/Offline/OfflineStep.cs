namespace TaskChat.Core.Assistant.Offline;

/// <summary>A tool call the offline assistant asks the function-calling loop to make.</summary>
internal sealed record PlannedCall(string Name, IReadOnlyDictionary<string, object?> Arguments);

/// <summary>What the offline assistant does next: call tools, or answer in markdown.</summary>
internal abstract record OfflineStep
{
    private OfflineStep() { }

    public sealed record CallTools(IReadOnlyList<PlannedCall> Calls) : OfflineStep;

    public sealed record Answer(string Markdown) : OfflineStep;
}
