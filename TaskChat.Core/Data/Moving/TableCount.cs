namespace TaskChat.Core.Data.Moving;

/// <summary>One table's rows in the source and, after the copy, in the target.</summary>
public sealed record TableCount(string Table, long Source, long Target)
{
    public bool Matches => Source == Target;
}
