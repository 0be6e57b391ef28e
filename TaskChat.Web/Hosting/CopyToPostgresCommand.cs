using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using TaskChat.Core.Data;
using TaskChat.Core.Data.Moving;

namespace TaskChat.Web.Hosting;

/// <summary>
/// <c>dotnet run --project TaskChat.Web -- copy-to-postgres "&lt;Npgsql connection string&gt;"</c>: copies
/// this install's SQLite database, found the way the app finds it (appsettings.json, environment,
/// content root), into an empty PostgreSQL database and prints each table's rows on both sides.
/// </summary>
internal static class CopyToPostgresCommand
{
    public const string Name = "copy-to-postgres";
    private const string Usage = $"Usage: dotnet run --project TaskChat.Web -- {Name} \"Host=…;Database=taskchat;Username=…;Password=…\"  (stop the app first)";

    public static bool IsRequested(string[] args) => args is [Name, ..];

    /// <returns>The exit code: 0 copied and verified, 1 refused or failed (nothing changed), 2 wrong usage.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        if (args is not [Name, var target] || string.IsNullOrWhiteSpace(target))
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }
        var builder = WebApplication.CreateBuilder();
        builder.UseRootAppSettings();
        try
        {
            var source = DatabaseOptions.AddTo(builder.Services, builder.Configuration);
            if (source.Kind == DatabaseProvider.Postgres)
                throw new DatabaseCopyRefusedException("This install already runs on PostgreSQL (Database:Provider is Postgres): there is no SQLite database to copy.");
            var server = TargetOf(target);
            var path = Path.GetFullPath(new SqliteConnectionStringBuilder(source.ConnectionString).DataSource, builder.Environment.ContentRootPath);
            if (!File.Exists(path))
                throw new DatabaseCopyRefusedException($"There is no SQLite database at {path}, so there is nothing to copy. If it lives elsewhere, set ConnectionStrings__Default to it.");

            await output.WriteLineAsync($"Copying {path} into PostgreSQL database \"{server.Database}\" on {server.Host}:{server.Port}…");
            var watch = Stopwatch.StartNew();
            var keys = Path.Combine(Path.GetDirectoryName(path)!, "keys");
            var counts = await SqliteToPostgres.RunAsync(DatabaseOptions.ResolveConnectionString(source.ConnectionString, builder.Environment.ContentRootPath), target, keys, source.BusyTimeoutMs);
            await WriteTableAsync(output, counts);
            await output.WriteLineAsync(
                $"Every table matches: {counts.Sum(c => c.Target):N0} rows in {counts.Count} tables, copied in {watch.Elapsed.TotalSeconds:0.0} s. " +
                "Start the instances with Database__Provider=Postgres and this connection string in ConnectionStrings__Default; sign-ins made before the move stay valid.");
            return 0;
        }
        catch (Exception e) when (e is DatabaseCopyRefusedException or OptionsValidationException or NpgsqlException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            await errors.WriteLineAsync($"Nothing was copied. {(e is OptionsValidationException invalid ? string.Join(" ", invalid.Failures) : e.Message)}");
            return 1;
        }
    }

    private static NpgsqlConnectionStringBuilder TargetOf(string connectionString)
    {
        NpgsqlConnectionStringBuilder target;
        try
        {
            target = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new DatabaseCopyRefusedException($"The target is not a PostgreSQL connection string ({e.Message}). {Usage}");
        }
        return string.IsNullOrWhiteSpace(target.Host) || string.IsNullOrWhiteSpace(target.Database)
            ? throw new DatabaseCopyRefusedException($"The target must name the server (Host=…) and the database (Database=…). {Usage}")
            : target;
    }

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<TableCount> counts)
    {
        var width = Math.Max(5, counts.Max(c => c.Table.Length));
        await output.WriteLineAsync($"{"table".PadRight(width)}  {"SQLite",10}  {"PostgreSQL",10}");
        foreach (var count in counts) await output.WriteLineAsync($"{count.Table.PadRight(width)}  {count.Source,10:N0}  {count.Target,10:N0}");
    }
}
