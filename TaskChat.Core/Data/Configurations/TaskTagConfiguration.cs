using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskChat.Core.Tasks;

namespace TaskChat.Core.Data.Configurations;

internal sealed class TaskTagConfiguration : IEntityTypeConfiguration<TaskTagEntity>
{
    public void Configure(EntityTypeBuilder<TaskTagEntity> tag)
    {
        tag.ToTable("TaskTags");
        tag.HasKey(g => new { g.TaskId, g.Name });
        tag.Property(g => g.Name).HasMaxLength(TaskRules.TagMaxLength);
        tag.HasIndex(g => g.Name);
    }
}
