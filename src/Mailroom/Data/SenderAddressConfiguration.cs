using Mailroom.Accounts;
using Mailroom.SenderAddresses;
using Mailroom.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Data;

internal sealed class SenderAddressConfiguration : IEntityTypeConfiguration<SenderAddress>
{
    public void Configure(EntityTypeBuilder<SenderAddress> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasOne<MailroomUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Cascade);

        // Removing an account with its mail keeps the address (it may still send through its route), unlinked.
        builder.HasOne<Pop3Account>().WithMany().HasForeignKey(a => a.AccountId).OnDelete(DeleteBehavior.SetNull);

        // One row per address per user; two users may each claim (and must each prove) the same address.
        builder.HasIndex(a => new { a.OwnerId, a.NormalizedAddress }).IsUnique();
        builder.HasIndex(a => a.AccountId);
        builder.Property(a => a.Address).HasMaxLength(320);
        builder.Property(a => a.NormalizedAddress).HasMaxLength(320);
        builder.Property(a => a.DisplayName).HasMaxLength(200);
        builder.Property(a => a.SmtpHost).HasMaxLength(253);
        builder.Property(a => a.SmtpUserName).HasMaxLength(320);
        builder.Property(a => a.ReplyTo).HasMaxLength(320);
        builder.Ignore(a => a.IsVerified);
        builder.Ignore(a => a.HasReplyTo);
        builder.Ignore(a => a.IsReplyToVerified);
    }
}
