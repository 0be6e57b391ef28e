using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Benchmarks;

/// <summary>When a task title first shows in a tab's list, by the page's own clock (performance.timeOrigin + now(): epoch milliseconds).</summary>
internal static class TaskVisibility
{
    /// <summary>Starts watching a tab's list for the title (watching before the submit: awaited); the returned task gives when it showed.</summary>
    public static async Task<Task<double>> WatchForAsync(DashboardPage tab, string title)
    {
        await tab.Page.EvaluateAsync("""
            title => {
                window.__visibleAt = null;
                const list = document.querySelector('[data-testid=task-list]');
                const observer = new MutationObserver(() => {
                    if (list.textContent.includes(title)) { observer.disconnect(); window.__visibleAt = performance.timeOrigin + performance.now(); }
                });
                observer.observe(list, { subtree: true, childList: true, characterData: true });
            }
            """, title);
        return VisibleAtAsync(tab);
    }

    private static async Task<double> VisibleAtAsync(DashboardPage tab)
    {
        await tab.Page.WaitForFunctionAsync("() => window.__visibleAt !== null", null, new() { Timeout = 15_000 });
        return await tab.Page.EvaluateAsync<double>("() => window.__visibleAt");
    }
}
