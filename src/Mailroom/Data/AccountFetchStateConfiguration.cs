using Mailroom.Accounts;
using Mailroom.Fetching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Data;

internal sealed class AccountFetchStateConfiguration : IEntityTypeConfiguration<AccountFetchState>
{
    public void Configure(EntityTypeBuilder<AccountFetchState> builder)
    {
        // The claim statement in FetchStateStore names this table and its columns in raw SQL.
        builder.ToTable("AccountFetchStates");
        builder.HasKey(s => s.AccountId);
        builder.HasOne<Pop3Account>().WithOne().HasForeignKey<AccountFetchState>(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.LeaseHolder).HasMaxLength(200);
        builder.Property(s => s.LastFailureKind).HasConversion<string>().HasMaxLength(40);
        builder.Property(s => s.LastFailureMessage).HasMaxLength(1000);
        builder.HasIndex(s => s.NextFetchAt);
    }
}
