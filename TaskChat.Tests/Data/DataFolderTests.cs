using System.Runtime.Versioning;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Data;

/// <summary>
/// The real app's data folder on disk: the database (with its -wal and -shm) and the sign-in keys
/// are readable by the app's user only, whatever the umask.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class DataFolderTests : IDisposable
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode File644 = File600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Folder755 = Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly string root = Directory.CreateTempSubdirectory("taskchat-modes-").FullName;
    private string DataDirectory => Path.Combine(root, "data");

    [Fact]
    public async Task A_first_start_creates_the_folder_database_and_keys_for_the_apps_user_only()
    {
        await using var app = await AppServer.StartAsync(dataDirectory: DataDirectory);

        Assert.Equal(Folder, File.GetUnixFileMode(DataDirectory));
        // The open app holds the database in WAL mode: all three files are there.
        foreach (var file in DatabaseFiles(app)) Assert.Equal((file, File600), (file, File.GetUnixFileMode(file)));
        var keys = Path.Combine(DataDirectory, "keys");
        Assert.Equal(Folder, File.GetUnixFileMode(keys));
        var keyFiles = Directory.GetFiles(keys);
        Assert.NotEmpty(keyFiles); // the sign-in page's antiforgery token made one
        Assert.All(keyFiles, f => Assert.Equal(File600, File.GetUnixFileMode(f)));
    }

    [Fact]
    public async Task Files_an_earlier_version_left_readable_by_others_are_narrowed_at_start_up()
    {
        await using var app = await AppServer.StartAsync(dataDirectory: DataDirectory);
        await app.StopAsync(graceful: false); // as a crash: -wal and -shm stay behind
        var keys = Path.Combine(DataDirectory, "keys");
        var widened = DatabaseFiles(app).Concat(Directory.GetFiles(keys)).ToList();
        foreach (var file in widened) File.SetUnixFileMode(file, File644);
        File.SetUnixFileMode(keys, Folder755);

        await app.RestartAsync();

        Assert.All(widened, f => Assert.Equal((f, File600), (f, File.GetUnixFileMode(f))));
        Assert.Equal(Folder, File.GetUnixFileMode(keys));
        using var client = app.CreateClient();
        Assert.True((await client.GetAsync("account/login")).IsSuccessStatusCode);
    }

    private static string[] DatabaseFiles(AppServer app) =>
        [app.DatabasePath, app.DatabasePath + "-wal", app.DatabasePath + "-shm"];

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}
