using Microsoft.Data.Sqlite;

namespace TaskChat.Tests.Resilience;

/// <summary>
/// Every row of the tables a bad input could touch, read straight from the SQLite file (not through
/// EF Core, so a bug in the mapping cannot hide a write). Compared before and after a rejected input.
/// </summary>
public sealed record DbSnapshot(IReadOnlyDictionary<string, IReadOnlyList<string>> Tables)
{
    public static readonly string[] TaskTables = ["Tasks", "TaskTags"];
    public static readonly string[] ChatTables = ["ChatThreads", "ChatMessages", "ChatToolCalls"];
    public static readonly string[] All = [.. TaskTables, .. ChatTables];

    public static async Task<DbSnapshot> TakeAsync(string databasePath, params string[] tables)
    {
        // Read-only and unpooled: the snapshot must neither write nor keep the file open.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var result = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var table in tables.Length == 0 ? All : tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i)))));
            result[table] = rows;
        }
        return new DbSnapshot(result);
    }

    /// <summary>Just these tables, to compare where other tables are expected to change.</summary>
    public DbSnapshot Only(params string[] tables) => new(Tables.Where(t => tables.Contains(t.Key)).ToDictionary());

    /// <summary>The tables are exactly as they were: no row added, changed or removed.</summary>
    public void AssertSameAs(DbSnapshot after, string context)
    {
        foreach (var (table, rows) in Tables)
        {
            var now = after.Tables[table];
            if (!rows.SequenceEqual(now))
                throw new Xunit.Sdk.XunitException($"{context}: table {table} changed.\nbefore ({rows.Count}):\n  {string.Join("\n  ", rows)}\nafter ({now.Count}):\n  {string.Join("\n  ", now)}");
        }
    }

    /// <summary>Earlier rows are untouched; new ones (this turn's messages) may follow them.</summary>
    public void AssertOnlyAppendedIn(DbSnapshot after, string table, string context)
    {
        var rows = Tables[table];
        var now = after.Tables[table];
        if (now.Count < rows.Count || !rows.SequenceEqual(now.Take(rows.Count)))
            throw new Xunit.Sdk.XunitException($"{context}: earlier rows of {table} changed.");
    }
}
