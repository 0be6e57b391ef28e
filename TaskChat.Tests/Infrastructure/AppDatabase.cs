using Microsoft.Data.Sqlite;
using TaskChat.Core.Chat;

namespace TaskChat.Tests.Infrastructure;

/// <summary>
/// SQL straight against a running app's database file, not through EF Core: what a test checks is
/// what the app stored, and what it changes behind the app's back (a session deleted, a stamp
/// renewed) is what another instance or an operator would change. Unpooled, so no test keeps the
/// file open after its query.
/// </summary>
public static class AppDatabase
{
    /// <summary>Runs a statement; returns how many rows it changed.</summary>
    public static async Task<int> ExecuteAsync(AppServer app, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(app);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row: a count, an id.</summary>
    public static async Task<T> ScalarAsync<T>(AppServer app, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(app);
        await using var command = Command(connection, sql, parameters);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The first column of every row.</summary>
    public static async Task<List<T>> ColumnAsync<T>(AppServer app, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(app);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync()) values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    /// <summary>A chat message's status and text as saved.</summary>
    public static Task<(MessageStatus Status, string Text)> MessageAsync(AppServer app, long messageId) => MessageAsync(app.DatabasePath, messageId);

    /// <summary>The same, from the database file itself: instances sharing it may all be gone.</summary>
    public static async Task<(MessageStatus Status, string Text)> MessageAsync(string databasePath, long messageId)
    {
        await using var connection = await OpenAsync(databasePath);
        await using var command = Command(connection, "SELECT Status, Text FROM ChatMessages WHERE Id = $id", [("$id", messageId)]);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"message {messageId} is not in the database");
        return ((MessageStatus)reader.GetInt32(0), reader.GetString(1));
    }

    private static Task<SqliteConnection> OpenAsync(AppServer app) => OpenAsync(app.DatabasePath);

    private static async Task<SqliteConnection> OpenAsync(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
