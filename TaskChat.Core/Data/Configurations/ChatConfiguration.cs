using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskChat.Core.Accounts;
using TaskChat.Core.Chat;

namespace TaskChat.Core.Data.Configurations;

internal sealed class ChatThreadConfiguration : IEntityTypeConfiguration<ChatThreadEntity>
{
    public void Configure(EntityTypeBuilder<ChatThreadEntity> thread)
    {
        thread.ToTable("ChatThreads");
        thread.Property(t => t.OwnerId).IsRequired();
        thread.Property(t => t.Title).IsRequired().HasMaxLength(ThreadRules.TitleMaxLength);
        thread.HasOne<AppUser>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Cascade);
        thread.HasMany<ChatMessageEntity>().WithOne().HasForeignKey(m => m.ThreadId).OnDelete(DeleteBehavior.Cascade);
        // The thread list: a user's threads, most recently active first.
        thread.HasIndex(t => new { t.OwnerId, t.UpdatedUtc });
    }
}

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessageEntity>
{
    public void Configure(EntityTypeBuilder<ChatMessageEntity> message)
    {
        message.ToTable("ChatMessages");
        message.Property(m => m.OwnerId).IsRequired();
        message.HasMany(m => m.ToolCalls).WithOne().HasForeignKey(c => c.MessageId).OnDelete(DeleteBehavior.Cascade);
        // Paging a thread from its newest message backwards.
        message.HasIndex(m => new { m.ThreadId, m.Id });
        // Rate limits count a user's recent answers; start-up finds answers left streaming.
        message.HasIndex(m => new { m.OwnerId, m.Role, m.CreatedUtc });
        message.HasIndex(m => m.Status);
    }
}

internal sealed class AnswerStartConfiguration : IEntityTypeConfiguration<AnswerStart>
{
    public void Configure(EntityTypeBuilder<AnswerStart> start)
    {
        start.ToTable("AnswerStarts");
        start.Property(s => s.OwnerId).IsRequired();
        start.HasOne<AppUser>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Cascade);
        start.HasIndex(s => new { s.OwnerId, s.StartedUtc });
    }
}

internal sealed class ToolCallConfiguration : IEntityTypeConfiguration<ToolCallEntity>
{
    public void Configure(EntityTypeBuilder<ToolCallEntity> call)
    {
        call.ToTable("ChatToolCalls");
        call.Property(c => c.CallId).IsRequired().HasMaxLength(200);
        call.Property(c => c.Name).IsRequired().HasMaxLength(100);
    }
}
