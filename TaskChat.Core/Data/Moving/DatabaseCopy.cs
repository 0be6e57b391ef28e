using System.Reflection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace TaskChat.Core.Data.Moving;

/// <summary>
/// Copies every row of one TaskChat database into another, empty one (in practice: SQLite into
/// PostgreSQL when an install outgrows one machine). Driven by the EF model, so a table added
/// later is copied without changing this class. The source is read in one transaction (a
/// consistent snapshot even if something writes meanwhile); the target is written in one
/// transaction that commits only when every table's row count matches, so a failed copy leaves
/// the target as empty as it was.
/// </summary>
public static class DatabaseCopy
{
    private const int BatchSize = 1000;
    private const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private static readonly MethodInfo CopyRowsMethod = typeof(DatabaseCopy).GetMethod(nameof(CopyRowsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CountRowsMethod = typeof(DatabaseCopy).GetMethod(nameof(CountRowsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// Copies all rows from <paramref name="source"/> into <paramref name="target"/> (both migrated
    /// to the same model). Refuses, changing nothing, when the target already holds any row.
    /// </summary>
    /// <param name="keyFiles">Sign-in keys the source kept in files (SQLite installs), added to the target's key table.</param>
    /// <returns>Every table with its rows in the source (key files included) and in the target, in copy order.</returns>
    public static async Task<IReadOnlyList<TableCount>> CopyAsync(
        AppDbContext source, AppDbContext target, IReadOnlyCollection<DataProtectionKey>? keyFiles = null, CancellationToken ct = default)
    {
        keyFiles ??= [];
        var tables = InsertOrder(target.Model);
        var occupied = new List<string>();
        foreach (var table in tables)
            if (await CountAsync(target, table, ct) is var rows and > 0) occupied.Add($"{table.GetTableName()} ({rows})");
        if (occupied.Count > 0)
            throw new DatabaseCopyRefusedException(
                $"The target database is not empty: {string.Join(", ", occupied)}. The copy only fills an empty database, so that nothing is overwritten or doubled; nothing was changed.");

        await using var snapshot = await source.Database.BeginTransactionAsync(ct);
        await using var write = await target.Database.BeginTransactionAsync(ct);
        target.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var table in tables)
            await (Task)CopyRowsMethod.MakeGenericMethod(table.ClrType).Invoke(null, [source, target, ct])!;
        target.DataProtectionKeys.AddRange(keyFiles.Select(k => new DataProtectionKey { FriendlyName = k.FriendlyName, Xml = k.Xml }));
        await SaveBatchAsync(target, ct);
        if (target.Database.ProviderName == NpgsqlProvider) await ContinueIdentitiesAsync(target, tables, ct);

        var counts = new List<TableCount>();
        foreach (var table in tables)
        {
            var expected = await CountAsync(source, table, ct) + (table.ClrType == typeof(DataProtectionKey) ? keyFiles.Count : 0);
            counts.Add(new TableCount(table.GetTableName()!, expected, await CountAsync(target, table, ct)));
        }
        if (counts.FirstOrDefault(c => !c.Matches) is { } mismatch)
            throw new DatabaseCopyRefusedException(
                $"{mismatch.Table} has {mismatch.Source} rows in the source but {mismatch.Target} in the target after the copy; it was rolled back and nothing was changed.");
        await write.CommitAsync(ct);
        return counts;
    }

    /// <summary>Principals before dependents, so every foreign key finds its row.</summary>
    internal static IReadOnlyList<IEntityType> InsertOrder(IModel model)
    {
        var tables = model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned()).OrderBy(t => t.GetTableName()).ToList();
        var ordered = new List<IEntityType>();
        var visiting = new HashSet<IEntityType>();
        void Visit(IEntityType type)
        {
            if (ordered.Contains(type) || !visiting.Add(type)) return;
            foreach (var principal in type.GetForeignKeys().Select(k => k.PrincipalEntityType).Where(p => p != type && tables.Contains(p))) Visit(principal);
            ordered.Add(type);
        }
        tables.ForEach(Visit);
        return ordered;
    }

    private static Task<long> CountAsync(DbContext db, IEntityType table, CancellationToken ct) =>
        (Task<long>)CountRowsMethod.MakeGenericMethod(table.ClrType).Invoke(null, [db, ct])!;

    private static Task<long> CountRowsAsync<T>(DbContext db, CancellationToken ct) where T : class => db.Set<T>().LongCountAsync(ct);

    // Streams the table rather than loading it: memory stays flat however many messages there are.
    private static async Task CopyRowsAsync<T>(DbContext source, DbContext target, CancellationToken ct) where T : class
    {
        var pending = 0;
        await foreach (var row in source.Set<T>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            target.Add(row);
            if (++pending < BatchSize) continue;
            await SaveBatchAsync(target, ct);
            pending = 0;
        }
        if (pending > 0) await SaveBatchAsync(target, ct);
    }

    private static async Task SaveBatchAsync(DbContext target, CancellationToken ct)
    {
        await target.SaveChangesAsync(ct);
        target.ChangeTracker.Clear();
    }

    /// <summary>
    /// The rows came with their ids, so PostgreSQL's identity sequences never advanced: point each
    /// past the largest copied id, or the first task added after the move would collide.
    /// </summary>
    private static async Task ContinueIdentitiesAsync(DbContext target, IEnumerable<IEntityType> tables, CancellationToken ct)
    {
        foreach (var table in tables)
        {
            if (table.FindPrimaryKey()?.Properties is not [{ ValueGenerated: ValueGenerated.OnAdd } key] || key.ClrType != typeof(int) && key.ClrType != typeof(long)) continue;
            var name = table.GetTableName()!;
            var column = key.GetColumnName(StoreObjectIdentifier.Table(name, table.GetSchema()));
            var qualified = table.GetSchema() is { } schema ? $"\"{schema}\".\"{name}\"" : $"\"{name}\"";
            // Names come from the model, not from input.
#pragma warning disable EF1002
            await target.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('{qualified.Replace("'", "''")}', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM {qualified}), 0) + 1, false)", ct);
#pragma warning restore EF1002
        }
    }
}
