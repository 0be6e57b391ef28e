namespace TaskChat.Core.Data;

/// <summary>Where the data lives: a SQLite file on this machine, or a PostgreSQL server shared by several instances.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
