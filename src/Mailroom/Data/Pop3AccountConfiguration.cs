using Mailroom.Accounts;
using Mailroom.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Data;

internal sealed class Pop3AccountConfiguration : IEntityTypeConfiguration<Pop3Account>
{
    public void Configure(EntityTypeBuilder<Pop3Account> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasOne<MailroomUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.OwnerId);
        builder.Property(a => a.DisplayName).HasMaxLength(200);
        builder.Property(a => a.EmailAddress).HasMaxLength(320);
        builder.Property(a => a.Host).HasMaxLength(253);
        builder.Property(a => a.UserName).HasMaxLength(320);
        builder.Property(a => a.DisabledReason).HasMaxLength(1000);
    }
}
