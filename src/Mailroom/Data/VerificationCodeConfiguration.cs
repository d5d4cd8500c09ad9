using Mailroom.SenderAddresses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Data;

internal sealed class VerificationCodeConfiguration : IEntityTypeConfiguration<VerificationCode>
{
    public void Configure(EntityTypeBuilder<VerificationCode> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasOne<SenderAddress>().WithMany().HasForeignKey(c => c.SenderAddressId).OnDelete(DeleteBehavior.Cascade);

        // The newest code per address and target, and the rate limit's count of recent codes, read this index.
        builder.HasIndex(c => new { c.SenderAddressId, c.Target, c.CreatedAt });
        builder.Property(c => c.SentTo).HasMaxLength(320);
        builder.Property(c => c.Salt).HasMaxLength(16);
        builder.Property(c => c.Hash).HasMaxLength(32);
    }
}
