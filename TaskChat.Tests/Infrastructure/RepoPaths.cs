namespace TaskChat.Tests.Infrastructure;

public static class RepoPaths
{
    /// <summary>The folder holding TaskChat.sln, found upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The web app built alongside these tests (same configuration, same target framework).</summary>
    public static string WebAppDirectory
    {
        get
        {
            // bin/<Configuration>/<tfm>/ — mirror the tests' own position under TaskChat.Web.
            var testsBin = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var relative = Path.GetRelativePath(Path.Combine(Root, "TaskChat.Tests"), testsBin);
            return Path.Combine(Root, "TaskChat.Web", relative);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TaskChat.sln"))) return dir.FullName;
        throw new InvalidOperationException("TaskChat.sln not found above " + AppContext.BaseDirectory);
    }
}
