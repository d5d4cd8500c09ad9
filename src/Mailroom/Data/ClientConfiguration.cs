using Mailroom.Clients;
using Mailroom.Messages;
using Mailroom.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Data;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Addresses).WithOne().HasForeignKey(a => a.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Name).HasMaxLength(ClientInputValidator.NameLength);
        builder.Property(c => c.ExternalId).HasMaxLength(ClientInputValidator.ExternalIdLength);
        // The list is ordered by name; the CRM's id is unique per workspace (several NULLs are allowed on both providers).
        builder.HasIndex(c => new { c.WorkspaceId, c.Name, c.Id });
        builder.HasIndex(c => new { c.WorkspaceId, c.ExternalId }).IsUnique();
    }
}

internal sealed class ClientAddressConfiguration : IEntityTypeConfiguration<ClientAddress>
{
    public void Configure(EntityTypeBuilder<ClientAddress> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Value).HasMaxLength(ClientInputValidator.AddressLength);
        builder.Ignore(a => a.IsDomain);
        // Filing looks up every address and domain of a message in its owner's workspace at once.
        builder.HasIndex(a => new { a.WorkspaceId, a.Value });
        builder.HasIndex(a => new { a.ClientId, a.Value }).IsUnique();
    }
}

internal sealed class MessageFilingConfiguration : IEntityTypeConfiguration<MessageFiling>
{
    public void Configure(EntityTypeBuilder<MessageFiling> builder)
    {
        builder.HasKey(f => new { f.ClientId, f.MessageId });
        builder.HasOne<Client>().WithMany().HasForeignKey(f => f.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StoredMessage>().WithMany().HasForeignKey(f => f.MessageId).OnDelete(DeleteBehavior.Cascade);
        // The timeline: one client, newest first, keyset by (SentAt, MessageId).
        builder.HasIndex(f => new { f.ClientId, f.SentAt, f.MessageId });
        builder.HasIndex(f => f.MessageId);
        builder.HasIndex(f => f.OwnerId);
    }
}

internal sealed class ClientRefilingConfiguration : IEntityTypeConfiguration<ClientRefiling>
{
    public void Configure(EntityTypeBuilder<ClientRefiling> builder)
    {
        builder.HasKey(r => r.ClientId);
        builder.HasOne<Client>().WithOne().HasForeignKey<ClientRefiling>(r => r.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(r => r.IsPending);
    }
}
