namespace TaskChat.Core.Tasks;

/// <summary>
/// A value that may be left out, distinct from a value that is null: a patch needs to tell
/// "leave the due date alone" (not set) from "remove the due date" (set to null).
/// </summary>
public readonly record struct Optional<T>(T Value)
{
    public bool HasValue { get; } = true;

    public static implicit operator Optional<T>(T value) => new(value);
}
