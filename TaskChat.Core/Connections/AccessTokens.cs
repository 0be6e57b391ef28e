using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TaskChat.Core.Data;
using TaskChat.Core.Sync;

namespace TaskChat.Core.Connections;

/// <summary>
/// Personal access tokens: made, listed and revoked by their owner on the Connected apps page, and
/// checked on every MCP request. A secret is 32 random bytes; only its SHA-256 is stored (a secret
/// that long needs no slow hash: there is nothing to guess), so a copy of the database grants nothing.
/// </summary>
public sealed class AccessTokens(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IUserBroadcaster events)
{
    /// <summary>"Last used" is written at most this often per token, not on every request.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public async Task<CreatedAccessToken> CreateAsync(string userId, string? name, AccessTokenScope scope, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var clean = AccessTokenRules.Name(name);
        if (!Enum.IsDefined(scope)) throw new AccessTokenException("Choose read-only or read and write.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var names = await db.AccessTokens.Where(t => t.OwnerId == userId).Select(t => t.Name).ToListAsync(ct);
        if (names.Count >= AccessTokenRules.MaxTokensPerUser)
            throw new AccessTokenException($"You have {names.Count} tokens, the most allowed. Revoke one you no longer use first.");
        if (names.Contains(clean, StringComparer.OrdinalIgnoreCase))
            throw new AccessTokenException($"You already have a token named \"{clean}\". Choose another name, or revoke that one first.");

        var secret = AccessTokenRules.SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var entity = new AccessTokenEntity
        {
            OwnerId = userId,
            Name = clean,
            Scope = scope,
            SecretHash = HashOf(secret),
            Hint = secret[^4..],
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.AccessTokens.Add(entity);
        await db.SaveOrReportBusyAsync(ct);
        events.Publish(userId, new AccessTokensChanged());
        return new CreatedAccessToken(AccessTokenView.From(entity), secret);
    }

    /// <summary>The user's tokens, newest first.</summary>
    public async Task<IReadOnlyList<AccessTokenView>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.AccessTokens.AsNoTracking().Where(t => t.OwnerId == userId).OrderByDescending(t => t.Id).ToListAsync(ct);
        return rows.Select(AccessTokenView.From).ToArray();
    }

    /// <summary>Revokes at once: the next request with the secret is refused, on every instance.</summary>
    /// <returns>False if the user has no token with that id (another user's id included).</returns>
    public async Task<bool> RevokeAsync(string userId, int tokenId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var removed = await db.AccessTokens.Where(t => t.Id == tokenId && t.OwnerId == userId).ExecuteDeleteAsync(ct).OrReportBusy();
        if (removed > 0) events.Publish(userId, new AccessTokensChanged());
        return removed > 0;
    }

    /// <summary>Who a secret acts for, or null for an unknown or revoked one. Records the use.</summary>
    public async Task<TokenHolder?> AuthenticateAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(AccessTokenRules.SecretPrefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = HashOf(secret);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.SecretHash == hash, ct);
        if (token is null) return null;

        var now = clock.GetUtcNow().UtcDateTime;
        if (token.LastUsedUtc is not { } last || now - last >= LastUseResolution)
        {
            try
            {
                await db.AccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedUtc, now), ct);
            }
            catch (Exception e) when (StoreBusyException.IsBusy(e))
            {
                // A busy database delays the "last used" note, never the request.
            }
        }
        return new TokenHolder(token.OwnerId, token.Id, token.Name, token.Scope);
    }

    private static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
