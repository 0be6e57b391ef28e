using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TaskChat.Core.Accounts;
using TaskChat.Core.Chat;
using TaskChat.Core.Connections;
using TaskChat.Core.Tasks;

namespace TaskChat.Core.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<TaskEntity> Tasks => Set<TaskEntity>();
    public DbSet<ChatThreadEntity> Threads => Set<ChatThreadEntity>();
    public DbSet<ChatMessageEntity> Messages => Set<ChatMessageEntity>();
    public DbSet<ToolCallEntity> ToolCalls => Set<ToolCallEntity>();
    public DbSet<AnswerStart> AnswerStarts => Set<AnswerStart>();
    public DbSet<AccessTokenEntity> AccessTokens => Set<AccessTokenEntity>();
    public DbSet<AppApprovalEntity> AppApprovals => Set<AppApprovalEntity>();

    /// <summary>Sign-in cookie keys, used on PostgreSQL so every instance reads the same ones (SQLite keeps them in files).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    internal const string CaseFoldFunction = "casefold";

    /// <summary>
    /// Unicode lower-casing inside queries: on SQLite registered on each connection by
    /// <see cref="SqlitePragmaInterceptor"/>; on PostgreSQL its own lower(), which folds Unicode in
    /// a UTF-8 locale (checked at start-up by <see cref="PostgresLocale"/>).
    /// </summary>
    public static string CaseFold(string text) => throw new InvalidOperationException("Only for use in queries.");

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        var caseFold = builder.HasDbFunction(typeof(AppDbContext).GetMethod(nameof(CaseFold))!);
        if (Database.IsNpgsql()) caseFold.HasName("lower").IsBuiltIn();
        else caseFold.HasName(CaseFoldFunction);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        if (Database.IsNpgsql())
        {
            builder.Properties<DateTime>().HaveConversion<UtcTicksConverter>();
            builder.Properties<DateTime?>().HaveConversion<UtcTicksConverter>();
            return;
        }
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
