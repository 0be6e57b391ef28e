using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace TaskChat.Core.Data;

/// <summary>The "Database" section, with ConnectionStrings:Default.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";
    public const string DefaultConnectionString = "Data Source=data/taskchat.db";
    private const string ConnectionStringKey = "ConnectionStrings:Default";

    /// <summary>
    /// ConnectionStrings:Default. It lives with the other connection strings, not in this section,
    /// so binding the section never sets it (hence the internal setter).
    /// </summary>
    public string ConnectionString { get; internal set; } = DefaultConnectionString;

    /// <summary>
    /// "Sqlite" (the default: a file beside the app) or "Postgres" (a server several instances
    /// share). Text, not the enum, so a typo gets this section's own message rather than the
    /// configuration binder's.
    /// </summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>The provider named by <see cref="Provider"/> (valid once the options are validated).</summary>
    public DatabaseProvider Kind => ParseProvider(Provider) ?? DatabaseProvider.Sqlite;

    /// <summary>Blank is the default; a number is refused although Enum.TryParse takes "1".</summary>
    private static DatabaseProvider? ParseProvider(string? name) =>
        string.IsNullOrWhiteSpace(name) ? DatabaseProvider.Sqlite
        : !int.TryParse(name, out _) && Enum.TryParse<DatabaseProvider>(name.Trim(), ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind
        : null;

    /// <summary>How long a write waits for another writer before failing.</summary>
    [Range(0, 600_000, ErrorMessage = "Database:BusyTimeoutMs must be between {1} and {2} milliseconds.")]
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>Both keys, bound and checked now: the database is set up while services are built.</summary>
    public static DatabaseOptions AddTo(IServiceCollection services, IConfiguration configuration) =>
        services.AddValidatedOptions<DatabaseOptions>(configuration.GetSection(Section), o =>
        {
            if (configuration.GetConnectionString("Default") is { Length: > 0 } connectionString) o.ConnectionString = connectionString;
            // The SQLite default is no PostgreSQL server: there, the connection string is required.
            else if (o.Kind == DatabaseProvider.Postgres) o.ConnectionString = "";
        });

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ParseProvider(Provider) is not { } kind)
            yield return new ValidationResult($"Database:Provider must be Sqlite or Postgres, not '{Provider}'.", [nameof(Provider)]);
        else if ((kind == DatabaseProvider.Postgres ? PostgresProblem(ConnectionString) : Problem(ConnectionString)) is { } problem)
            yield return new ValidationResult(problem, [nameof(ConnectionString)]);
    }

    /// <summary>
    /// Makes a relative database path absolute against <paramref name="baseDirectory"/> (the app's
    /// content root) and creates its folder and file, readable by the app's user only (see
    /// <see cref="DataFolder"/>), so the database exists from the first run.
    /// </summary>
    public static string ResolveConnectionString(string? connectionString, string baseDirectory)
    {
        connectionString = string.IsNullOrWhiteSpace(connectionString) ? DefaultConnectionString : connectionString;
        if (Problem(connectionString) is { } problem) throw new InvalidOperationException(problem);

        var builder = new SqliteConnectionStringBuilder(connectionString);
        var path = Path.GetFullPath(builder.DataSource, baseDirectory);
        DataFolder.PrepareDatabase(path);
        builder.DataSource = path;
        return builder.ToString();
    }

    private static string? PostgresProblem(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            return $"{ConnectionStringKey} is required with Database:Provider Postgres, e.g. \"Host=db.example.com;Database=taskchat;Username=taskchat;Password=...\".";
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            return $"{ConnectionStringKey} is not a PostgreSQL (Npgsql) connection string: {e.Message}";
        }
        return string.IsNullOrWhiteSpace(builder.Host)
            ? $"{ConnectionStringKey} must name the PostgreSQL server (Host=...), e.g. \"Host=db.example.com;Database=taskchat;Username=taskchat;Password=...\"."
            : null;
    }

    private static string? Problem(string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            return $"{ConnectionStringKey} is not a SQLite connection string: {e.Message}";
        }
        return builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory
            ? $"{ConnectionStringKey} must name a database file: an in-memory SQLite database would lose everything on restart."
            : null;
    }
}
