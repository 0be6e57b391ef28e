using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskChat.Core.Accounts;
using TaskChat.Core.Tasks;
using TaskChat.Core.Tasks.Recurrence;

namespace TaskChat.Core.Data.Configurations;

internal sealed class TaskConfiguration : IEntityTypeConfiguration<TaskEntity>
{
    public void Configure(EntityTypeBuilder<TaskEntity> task)
    {
        task.ToTable("Tasks");
        task.Property(t => t.OwnerId).IsRequired();
        task.Property(t => t.Title).IsRequired().HasMaxLength(TaskRules.TitleMaxLength);
        task.Property(t => t.Description).IsRequired().HasMaxLength(TaskRules.DescriptionMaxLength);
        task.Property(t => t.Recurrence).HasMaxLength(RecurrenceRule.MaxLength);
        task.HasOne<AppUser>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Cascade);
        task.HasMany(t => t.Tags).WithOne().HasForeignKey(g => g.TaskId).OnDelete(DeleteBehavior.Cascade);

        // The dashboard always filters by owner and puts open tasks first, then sorts by one of these.
        task.HasIndex(t => new { t.OwnerId, t.IsCompleted, t.DueUtc });
        task.HasIndex(t => new { t.OwnerId, t.IsCompleted, t.Priority });
        task.HasIndex(t => new { t.OwnerId, t.IsCompleted, t.CreatedUtc });
    }
}
