using TaskChat.Core.Connections;
using TaskChat.Core.Data;
using TaskChat.Core.Sync;

namespace TaskChat.Web.Components.Connections;

/// <summary>
/// The connected apps' requests waiting on this tab, and what came of the last decision. Plain C#
/// over <see cref="AppApprovals"/>, so it is tested without rendering.
/// </summary>
public sealed class AppApprovalsState(AppApprovals approvals) : IDisposable
{
    private readonly CancellationTokenSource lifetime = new();
    private string userId = "";
    private int loads;

    public IReadOnlyList<AppApprovalView> Pending { get; private set; } = [];

    /// <summary>What the last Approve or Decline did, or why it did nothing.</summary>
    public string? Notice { get; private set; }

    public event Action? Changed;

    public Task LoadAsync(string user)
    {
        userId = user;
        return ReloadAsync();
    }

    public async Task DecideAsync(AppApprovalView request, bool approve)
    {
        try
        {
            var decided = await approvals.DecideAsync(userId, request.Id, approve, lifetime.Token);
            Notice = !decided ? $"The request from {request.AppName} was already answered in another tab, or it expired."
                : approve ? $"Approved. Ask {request.AppName} again: it will run once within {Minutes} minutes."
                : $"Declined. {request.AppName} was told no.";
        }
        catch (StoreBusyException e)
        {
            Notice = e.Message;
        }
        await ReloadAsync();
    }

    public void DismissNotice()
    {
        Notice = null;
        Changed?.Invoke();
    }

    public Task HandleAsync(UserEvent userEvent) =>
        userEvent is AppApprovalsChanged or Resync ? ReloadAsync() : Task.CompletedTask;

    /// <summary>How long an approval lasts, for the cards' wording.</summary>
    public static int Minutes => (int)AppApprovals.Lifetime.TotalMinutes;

    public async Task ReloadAsync()
    {
        // A slower earlier load must not overwrite a later one's answer.
        var load = ++loads;
        IReadOnlyList<AppApprovalView> pending;
        try
        {
            pending = await approvals.PendingAsync(userId, lifetime.Token);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            return; // the tab is gone
        }
        if (load != loads) return;
        Pending = pending;
        Changed?.Invoke();
    }

    public void Dispose()
    {
        lifetime.Cancel();
        lifetime.Dispose();
    }
}
