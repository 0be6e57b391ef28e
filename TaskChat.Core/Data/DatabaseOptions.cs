using Microsoft.Data.Sqlite;

namespace TaskChat.Core.Data;

public static class DatabaseOptions
{
    public const string DefaultConnectionString = "Data Source=data/taskchat.db";

    /// <summary>
    /// Makes a relative database path absolute against <paramref name="baseDirectory"/> (the app's
    /// content root) and creates its folder, so the database exists from the first run.
    /// </summary>
    public static string ResolveConnectionString(string? connectionString, string baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(connectionString) ? DefaultConnectionString : connectionString);
        if (builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            throw new InvalidOperationException("TaskChat needs a database file; an in-memory SQLite database would lose everything on restart.");

        var path = Path.GetFullPath(builder.DataSource, baseDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        builder.DataSource = path;
        return builder.ToString();
    }
}
