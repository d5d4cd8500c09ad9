using Mailroom.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Data;

internal sealed class MailboxEventConfiguration : IEntityTypeConfiguration<MailboxEvent>
{
    public void Configure(EntityTypeBuilder<MailboxEvent> builder)
    {
        builder.ToTable("MailboxEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.UserId).HasMaxLength(450);

        // No foreign keys: events are pruned within the hour and must never hold up deleting an account or a user.
        builder.HasIndex(e => new { e.UserId, e.Id });
        builder.HasIndex(e => e.At);
    }
}
