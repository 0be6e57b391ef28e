using Microsoft.Data.Sqlite;

namespace TaskChat.Core.Data;

/// <summary>
/// The database and the sign-in keys are readable by the app's own user only: on a shared machine
/// anyone else with a shell could otherwise copy every user's tasks, chats and password hashes, or
/// the keys that forge sign-in cookies. New folders are created 0700 and files 0600; files left
/// wider by an earlier version are narrowed at start-up. On Windows files inherit the parent
/// folder's ACL, so nothing is changed there.
/// </summary>
public static class DataFolder
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Others =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Creates the database's folder and an empty database file, both owner-only. SQLite gives its
    /// -wal and -shm files the database file's mode, so creating the file first keeps them
    /// owner-only too. An existing folder is left as it is: it may be one the operator shares with
    /// other things (a home folder); the files in it are narrowed.
    /// </summary>
    public static void PrepareDatabase(string databasePath)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
            return;
        }
        CreateOwnerOnlyFolder(Path.GetDirectoryName(databasePath)!);
        CreateOwnerOnlyFile(databasePath);
        if (new FileInfo(databasePath).Length == 0) StartInWalMode(databasePath);
        foreach (var path in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
            Narrow(path, isFolder: false);
    }

    /// <summary>
    /// The data-protection key folder, owner-only (ASP.NET Core writes each key file 0600 itself,
    /// but creates the folder with the umask's 0755). Any key file left wider is narrowed.
    /// </summary>
    public static DirectoryInfo PrepareKeys(string keysDirectory)
    {
        if (OperatingSystem.IsWindows()) return Directory.CreateDirectory(keysDirectory);
        CreateOwnerOnlyFolder(keysDirectory);
        Narrow(keysDirectory, isFolder: true);
        foreach (var file in Directory.EnumerateFiles(keysDirectory)) Narrow(file, isFolder: false);
        return new DirectoryInfo(keysDirectory);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CreateOwnerOnlyFolder(string path)
    {
        if (Directory.Exists(path)) return;
        Directory.CreateDirectory(path, OwnerOnlyFolder);
        // The umask may have taken bits off: set the mode itself, whatever the umask.
        File.SetUnixFileMode(path, OwnerOnlyFolder);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CreateOwnerOnlyFile(string path)
    {
        try
        {
            using (new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile })) { }
            File.SetUnixFileMode(path, OwnerOnlyFile);
        }
        catch (IOException) when (File.Exists(path))
        {
            // There already, or another instance sharing the folder created it a moment ago.
        }
    }

    /// <summary>
    /// EF Core checks that a database exists over a read-only connection, where switching a
    /// zero-length file to WAL (every connection asks for WAL) fails with "attempt to write a
    /// readonly database": write the header, in WAL mode, now.
    /// </summary>
    private static void StartInWalMode(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        // Another instance sharing the folder may be doing the same.
        command.CommandText = "PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    /// <summary>Takes away group and other access, keeping the owner's.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Narrow(string path, bool isFolder)
    {
        if (isFolder ? !Directory.Exists(path) : !File.Exists(path)) return;
        var mode = File.GetUnixFileMode(path);
        if ((mode & Others) == 0) return;
        try
        {
            File.SetUnixFileMode(path, mode & ~Others);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidOperationException(
                $"{path} is open to other users of this machine and TaskChat cannot restrict it ({e.Message}). " +
                $"Run TaskChat as the owner of its data folder, or restrict it yourself: chmod go= {path}", e);
        }
    }
}
