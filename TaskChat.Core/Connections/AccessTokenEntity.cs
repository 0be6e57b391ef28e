namespace TaskChat.Core.Connections;

/// <summary>
/// A personal access token a user made for an app (an MCP client). Only the SHA-256 of the secret is
/// kept: the secret itself is shown once, when it is created. Revoking deletes the row, so a revoked
/// secret is simply unknown.
/// </summary>
public sealed class AccessTokenEntity
{
    public int Id { get; set; }
    public required string OwnerId { get; set; }
    public required string Name { get; set; }
    public AccessTokenScope Scope { get; set; }
    /// <summary>Lower-case hex SHA-256 of the secret; unique, the lookup key on every request.</summary>
    public required string SecretHash { get; set; }
    /// <summary>The secret's last four characters, so a person can tell which token a client holds.</summary>
    public required string Hint { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? LastUsedUtc { get; set; }
}

public enum AccessTokenScope
{
    /// <summary>Lists and summaries only; a writing tool is refused.</summary>
    ReadOnly = 0,
    ReadWrite = 1,
}

/// <summary>A token as its owner sees it: never the secret.</summary>
public sealed record AccessTokenView(int Id, string Name, AccessTokenScope Scope, string Hint, DateTime CreatedUtc, DateTime? LastUsedUtc)
{
    internal static AccessTokenView From(AccessTokenEntity e) => new(e.Id, e.Name, e.Scope, e.Hint, e.CreatedUtc, e.LastUsedUtc);
}

/// <summary>A new token, with its secret: the only time the secret exists outside the client that holds it.</summary>
public sealed record CreatedAccessToken(AccessTokenView Token, string Secret);

/// <summary>Who a request's bearer token acts for.</summary>
public sealed record TokenHolder(string UserId, int TokenId, string TokenName, AccessTokenScope Scope);

/// <summary>The token name broke a rule, or the user has as many tokens as allowed; nothing was changed.</summary>
public sealed class AccessTokenException(string message) : Exception(message);
