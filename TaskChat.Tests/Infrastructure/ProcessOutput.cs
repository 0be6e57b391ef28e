using System.Diagnostics;

namespace TaskChat.Tests.Infrastructure;

public static class ProcessOutput
{
    /// <summary>Reads the process's standard output until a line contains <paramref name="text"/>; false if it exits or the time runs out first.</summary>
    public static async Task<bool> WaitForLineAsync(Process process, string text, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
                if (line.Contains(text, StringComparison.Ordinal)) return true;
        }
        catch (OperationCanceledException)
        {
        }
        return false;
    }
}
