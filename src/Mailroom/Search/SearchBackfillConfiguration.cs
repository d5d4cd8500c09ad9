using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Search;

internal sealed class SearchBackfillConfiguration : IEntityTypeConfiguration<SearchBackfill>
{
    public void Configure(EntityTypeBuilder<SearchBackfill> builder)
    {
        builder.ToTable("SearchBackfill");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
    }
}
