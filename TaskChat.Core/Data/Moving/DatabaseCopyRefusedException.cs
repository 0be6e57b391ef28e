namespace TaskChat.Core.Data.Moving;

/// <summary>The copy did not start (or was rolled back) for a reason the operator can act on; the target is unchanged.</summary>
public sealed class DatabaseCopyRefusedException(string message) : Exception(message);
