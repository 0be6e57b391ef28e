using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// An axe-core audit of what a page shows now. The bar is DESIGN §5's: no serious or critical
/// violation (colour contrast included). A failure lists each rule with the elements it found,
/// so the fix can start from the message.
/// </summary>
public static class AxeAudit
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <param name="label">What was audited ("dashboard, dark"), repeated in the failure.</param>
    /// <param name="within">A CSS selector to audit only that part of the page (e.g. one panel); the whole page by default.</param>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string label, string? within = null)
    {
        // Colours in mid-transition (a theme switch fades buttons for a quarter second) are not
        // what anyone reads: let every finite animation and transition end first.
        await page.EvaluateAsync("""
            () => Promise.all(document.getAnimations()
                .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                .map(a => a.finished.catch(() => {})))
            """);
        var result = within is null
            ? await page.RunAxe()
            : await page.RunAxe(new AxeRunContext { Include = [new AxeSelector(within)] });
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();
        if (blocking.Count == 0) return;
        var report = string.Join("\n", blocking.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => $"    at {n.Target}: {Trim(string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message)))}\n       {Trim(n.Html)}"))));
        Assert.Fail($"Accessibility ({label}): {blocking.Count} serious or critical axe violation(s)\n{report}");
    }

    private static string Trim(string? text)
    {
        var line = (text ?? "").ReplaceLineEndings(" ");
        return line.Length > 240 ? line[..240] + "…" : line;
    }
}
