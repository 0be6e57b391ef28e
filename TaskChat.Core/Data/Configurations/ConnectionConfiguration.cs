using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskChat.Core.Accounts;
using TaskChat.Core.Connections;

namespace TaskChat.Core.Data.Configurations;

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessTokenEntity>
{
    public void Configure(EntityTypeBuilder<AccessTokenEntity> token)
    {
        token.ToTable("AccessTokens");
        token.Property(t => t.OwnerId).IsRequired();
        token.Property(t => t.Name).IsRequired().HasMaxLength(AccessTokenRules.NameMaxLength);
        token.Property(t => t.SecretHash).IsRequired().HasMaxLength(64);
        token.Property(t => t.Hint).IsRequired().HasMaxLength(4);
        token.HasOne<AppUser>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Cascade);
        // Every MCP request looks its token up by the secret's hash.
        token.HasIndex(t => t.SecretHash).IsUnique();
        token.HasIndex(t => t.OwnerId);
    }
}

internal sealed class AppApprovalConfiguration : IEntityTypeConfiguration<AppApprovalEntity>
{
    public void Configure(EntityTypeBuilder<AppApprovalEntity> approval)
    {
        approval.ToTable("AppApprovals");
        approval.Property(a => a.OwnerId).IsRequired();
        approval.Property(a => a.AppName).IsRequired().HasMaxLength(AccessTokenRules.NameMaxLength);
        approval.Property(a => a.ToolName).IsRequired().HasMaxLength(64);
        approval.Property(a => a.ArgumentsJson).IsRequired();
        approval.Property(a => a.Summary).IsRequired().HasMaxLength(300);
        approval.HasOne<AppUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Cascade);
        // Revoking a token withdraws what it asked for.
        approval.HasOne<AccessTokenEntity>().WithMany().HasForeignKey(a => a.TokenId).OnDelete(DeleteBehavior.Cascade);
        approval.HasIndex(a => new { a.OwnerId, a.Status });
        // One waiting request per call, however many identical calls arrive at once (on any instance).
        approval.HasIndex(a => new { a.OwnerId, a.TokenId, a.ToolName, a.ArgumentsJson }).IsUnique()
            .HasFilter($"\"{nameof(AppApprovalEntity.Status)}\" = {(int)AppApprovalStatus.Pending}");
    }
}
