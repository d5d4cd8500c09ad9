using Mailroom.SenderAddresses;
using Mailroom.Sending.Queue;
using Mailroom.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Data;

internal sealed class QueuedMessageConfiguration : IEntityTypeConfiguration<QueuedMessage>
{
    public void Configure(EntityTypeBuilder<QueuedMessage> builder)
    {
        builder.ToTable("QueuedMessages");
        builder.HasKey(m => m.Id);
        builder.HasOne<MailroomUser>().WithMany().HasForeignKey(m => m.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SenderAddress>().WithMany().HasForeignKey(m => m.SenderAddressId).OnDelete(DeleteBehavior.Cascade);

        // The worker's question on every tick: what is due (or stuck with an expired lease)?
        builder.HasIndex(m => new { m.State, m.DueAt });
        builder.HasIndex(m => new { m.OwnerId, m.State });
        builder.Property(m => m.MessageIdHeader).HasMaxLength(998);
        builder.Property(m => m.Subject).HasMaxLength(998);
        builder.Property(m => m.ClaimedBy).HasMaxLength(200);
        builder.Property(m => m.FailureKind).HasMaxLength(50);
        builder.Property(m => m.FailureReason).HasMaxLength(50);
    }
}
