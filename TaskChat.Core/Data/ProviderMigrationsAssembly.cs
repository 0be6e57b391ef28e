using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace TaskChat.Core.Data;

/// <summary>
/// Both providers' migrations live in this assembly, each set in its own namespace with its own
/// snapshot (SQLite's in Data/Migrations, PostgreSQL's in Data/Migrations/Postgres): EF Core would
/// otherwise see both sets and apply SQLite's column types to PostgreSQL. This shows it only the
/// active provider's set.
/// </summary>
#pragma warning disable EF1001 // MigrationsAssembly is EF's own implementation, meant to be derived from for this.
internal sealed class ProviderMigrationsAssembly(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    private const string SqliteNamespace = "TaskChat.Core.Data.Migrations";
    private const string PostgresNamespace = SqliteNamespace + ".Postgres";

    private readonly string ownNamespace = currentContext.Context.Database.IsNpgsql() ? PostgresNamespace : SqliteNamespace;
    private IReadOnlyDictionary<string, TypeInfo>? migrations;
    private ModelSnapshot? snapshot;

    public override IReadOnlyDictionary<string, TypeInfo> Migrations =>
        migrations ??= base.Migrations.Where(m => m.Value.Namespace == ownNamespace)
            .ToDictionary(m => m.Key, m => m.Value);

    public override ModelSnapshot? ModelSnapshot =>
        snapshot ??= Assembly.DefinedTypes
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(ModelSnapshot)) && t.Namespace == ownNamespace
                && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(AppDbContext))
            .Select(t => (ModelSnapshot)Activator.CreateInstance(t.AsType())!)
            .SingleOrDefault();
}
#pragma warning restore EF1001
