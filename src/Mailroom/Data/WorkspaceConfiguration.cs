using Mailroom.Accounts;
using Mailroom.Users;
using Mailroom.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Data;

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> builder)
    {
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Name).HasMaxLength(200);
    }
}

internal sealed class WorkspaceMemberConfiguration : IEntityTypeConfiguration<WorkspaceMember>
{
    public void Configure(EntityTypeBuilder<WorkspaceMember> builder)
    {
        // The key is the user: a user belongs to exactly one workspace.
        builder.HasKey(m => m.UserId);
        builder.HasOne<MailroomUser>().WithOne().HasForeignKey<WorkspaceMember>(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.WorkspaceId);
    }
}

internal sealed class WorkspaceInvitationConfiguration : IEntityTypeConfiguration<WorkspaceInvitation>
{
    public void Configure(EntityTypeBuilder<WorkspaceInvitation> builder)
    {
        builder.HasKey(i => i.Id);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.Property(i => i.Email).HasMaxLength(320);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
    }
}

internal sealed class SharedAccountConfiguration : IEntityTypeConfiguration<SharedAccount>
{
    public void Configure(EntityTypeBuilder<SharedAccount> builder)
    {
        builder.HasKey(s => s.AccountId);
        builder.HasOne<Pop3Account>().WithOne().HasForeignKey<SharedAccount>(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.WorkspaceId);
    }
}
