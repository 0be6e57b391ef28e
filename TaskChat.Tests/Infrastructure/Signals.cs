using System.Runtime.InteropServices;

namespace TaskChat.Tests.Infrastructure;

/// <summary>POSIX signals, which .NET's Process can only send as SIGKILL.</summary>
internal static class Signals
{
    public const int Terminate = 15;
    public const int Quit = 3;

    /// <returns>0 when sent.</returns>
    public static int Send(int processId, int signal) => Kill(processId, signal);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int sig);
}
