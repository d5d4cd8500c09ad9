using Mailroom.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Search;

/// <summary>
/// The text table; the index beside it is created by the migrations in SQL, since EF Core models neither an FTS5
/// table nor a tsvector column on both providers (see <see cref="SearchIndexSchema"/>).
/// </summary>
internal sealed class MessageTextConfiguration : IEntityTypeConfiguration<MessageText>
{
    public void Configure(EntityTypeBuilder<MessageText> builder)
    {
        builder.ToTable("MessageTexts");
        builder.HasKey(t => t.MessageId);
        builder.Property(t => t.MessageId).ValueGeneratedNever();
        builder.HasOne<StoredMessage>().WithOne().HasForeignKey<MessageText>(t => t.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
