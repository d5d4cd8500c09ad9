using Mailroom.Accounts;
using Mailroom.Fetching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Data;

internal sealed class FetchRunConfiguration : IEntityTypeConfiguration<FetchRun>
{
    public void Configure(EntityTypeBuilder<FetchRun> builder)
    {
        builder.ToTable("FetchRuns");
        builder.HasKey(r => r.Id);
        builder.HasOne<Pop3Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Node).HasMaxLength(200);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.FailureKind).HasConversion<string>().HasMaxLength(40);
        builder.Property(r => r.FailureMessage).HasMaxLength(1000);
        builder.Ignore(r => r.Duration);
        builder.HasIndex(r => new { r.AccountId, r.StartedAt });

        // The schedule overview counts the last minute's and hour's finished runs on every refresh.
        builder.HasIndex(r => r.FinishedAt);
    }
}
