using Mailroom.Accounts;
using Mailroom.Fetching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Data;

internal sealed class UidLedgerEntryConfiguration : IEntityTypeConfiguration<UidLedgerEntry>
{
    public void Configure(EntityTypeBuilder<UidLedgerEntry> builder)
    {
        builder.ToTable("UidLedger");

        // The key is the no-duplicates guarantee: a replayed batch cannot insert the same UID twice.
        builder.HasKey(e => new { e.AccountId, e.Uid });
        builder.Property(e => e.Uid).HasMaxLength(255);
        builder.Property(e => e.SkippedReason).HasMaxLength(500);
        builder.HasOne<Pop3Account>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Cascade);

        // Deleting a stored message locally must not make the fetcher download it again.
        builder.HasOne(e => e.StoredMessage).WithMany().HasForeignKey(e => e.StoredMessageId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(e => e.StoredMessageId);
    }
}
