using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TaskChat.Core.Data;

namespace TaskChat.Tests.Connections;

/// <summary>
/// Holds every statement of one kind (UPDATE, INSERT) on a table until <c>participants</c> of them are
/// waiting, then lets them all go: callers that each read and then write do so at the same moment, on
/// every run, instead of whenever the thread pool happens to start them.
/// </summary>
internal sealed class StatementGate(string verb, string table, int participants) : DbCommandInterceptor
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int arrived;

    /// <summary>A context factory over the same database whose contexts pass through this gate.</summary>
    public IDbContextFactory<AppDbContext> Over(DbContextOptions<AppDbContext> options) =>
        new Factory(new DbContextOptionsBuilder<AppDbContext>(options).AddInterceptors(this).Options);

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.TrimStart().StartsWith(verb, StringComparison.OrdinalIgnoreCase) && command.CommandText.Contains(table, StringComparison.Ordinal))
        {
            if (Interlocked.Increment(ref arrived) == participants) all.TrySetResult();
            await all.Task.WaitAsync(Within, cancellationToken);
        }
        return result;
    }

    private sealed class Factory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }
}
