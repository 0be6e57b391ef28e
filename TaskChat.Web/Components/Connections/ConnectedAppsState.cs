using TaskChat.Core.Connections;
using TaskChat.Core.Data;
using TaskChat.Core.Sync;

namespace TaskChat.Web.Components.Connections;

/// <summary>
/// The Connected apps page's state for one tab: the user's tokens, the secret of the one just made
/// (held only here, in memory, until dismissed or the page is left) and the revoke being confirmed.
/// Plain C# over <see cref="AccessTokens"/>, so it is tested without rendering.
/// </summary>
public sealed class ConnectedAppsState(AccessTokens tokens, TimeProvider clock) : IDisposable
{
    private readonly CancellationTokenSource lifetime = new();
    private string userId = "";
    private int loads;

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public IReadOnlyList<AccessTokenView> Tokens { get; private set; } = [];
    public bool IsLoaded { get; private set; }

    /// <summary>The token just made, with its secret: shown once, never stored.</summary>
    public CreatedAccessToken? Created { get; private set; }

    /// <summary>Why the last create or revoke did not go through, in the user's words.</summary>
    public string? Error { get; private set; }

    /// <summary>The token whose Revoke was clicked and waits for Yes or No.</summary>
    public int? ConfirmingRevoke { get; private set; }

    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public event Action? Changed;

    public Task LoadAsync(string user, TimeZoneInfo zone)
    {
        userId = user;
        Zone = zone;
        return ReloadAsync();
    }

    /// <summary>Makes a token; false (with <see cref="Error"/>) when a rule refused it and nothing was made.</summary>
    public async Task<bool> CreateAsync(string? name, AccessTokenScope scope)
    {
        try
        {
            Created = await tokens.CreateAsync(userId, name, scope, lifetime.Token);
            Error = null;
        }
        catch (Exception e) when (e is AccessTokenException or StoreBusyException)
        {
            Error = e.Message;
            Changed?.Invoke();
            return false;
        }
        await ReloadAsync();
        return true;
    }

    public void DismissSecret()
    {
        Created = null;
        Changed?.Invoke();
    }

    public void DismissError()
    {
        Error = null;
        Changed?.Invoke();
    }

    public void AskRevoke(int tokenId)
    {
        ConfirmingRevoke = tokenId;
        Changed?.Invoke();
    }

    public void CancelRevoke()
    {
        ConfirmingRevoke = null;
        Changed?.Invoke();
    }

    /// <summary>Revokes a token; one revoked in another tab meanwhile is simply gone from the list.</summary>
    public async Task RevokeAsync(int tokenId)
    {
        try
        {
            await tokens.RevokeAsync(userId, tokenId, lifetime.Token);
            Error = null;
            // Its secret no longer works: offering to copy it would mislead.
            if (Created?.Token.Id == tokenId) Created = null;
        }
        catch (StoreBusyException e)
        {
            Error = e.Message;
        }
        ConfirmingRevoke = null;
        await ReloadAsync();
    }

    /// <summary>A change from another tab (or a missed one): show the list as it now is.</summary>
    public Task HandleAsync(UserEvent userEvent) =>
        userEvent is AccessTokensChanged or Resync && IsLoaded ? ReloadAsync() : Task.CompletedTask;

    public async Task ReloadAsync()
    {
        // A slower earlier load must not overwrite a later one's answer.
        var load = ++loads;
        IReadOnlyList<AccessTokenView> list;
        try
        {
            list = await tokens.ListAsync(userId, lifetime.Token);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            return; // the tab is gone
        }
        if (load != loads) return;
        Tokens = list;
        IsLoaded = true;
        if (ConfirmingRevoke is { } id && list.All(t => t.Id != id)) ConfirmingRevoke = null;
        Changed?.Invoke();
    }

    public void Dispose()
    {
        lifetime.Cancel();
        lifetime.Dispose();
    }
}
