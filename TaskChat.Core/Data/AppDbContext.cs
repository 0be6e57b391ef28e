using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TaskChat.Core.Accounts;
using TaskChat.Core.Chat;
using TaskChat.Core.Tasks;

namespace TaskChat.Core.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<TaskEntity> Tasks => Set<TaskEntity>();
    public DbSet<ChatThreadEntity> Threads => Set<ChatThreadEntity>();
    public DbSet<ChatMessageEntity> Messages => Set<ChatMessageEntity>();
    public DbSet<ToolCallEntity> ToolCalls => Set<ToolCallEntity>();
    public DbSet<AnswerStart> AnswerStarts => Set<AnswerStart>();

    internal const string CaseFoldFunction = "casefold";

    /// <summary>Unicode lower-casing inside queries (registered on each connection by <see cref="SqlitePragmaInterceptor"/>).</summary>
    public static string CaseFold(string text) => throw new InvalidOperationException("Only for use in queries.");

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        builder.HasDbFunction(typeof(AppDbContext).GetMethod(nameof(CaseFold))!).HasName(CaseFoldFunction);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
