using Mailroom.Accounts;
using Mailroom.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Data;

internal sealed class StoredMessageConfiguration : IEntityTypeConfiguration<StoredMessage>
{
    public void Configure(EntityTypeBuilder<StoredMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.HasOne<Pop3Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Raw).WithOne().HasForeignKey<RawMessage>(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);

        // Keyset paging by sent date, newest first, per account and across a user's accounts;
        // Id breaks ties so that the order is total and a cursor is exact.
        builder.HasIndex(m => new { m.AccountId, m.Folder, m.SentAt, m.Id });
        builder.HasIndex(m => new { m.OwnerId, m.Folder, m.SentAt, m.Id });

        // Unread counts for the left pane, answered from this index alone.
        builder.HasIndex(m => new { m.OwnerId, m.Folder, m.IsRead, m.AccountId });
    }
}
