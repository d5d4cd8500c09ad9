using Mailroom.Accounts;
using Mailroom.Clients;
using Mailroom.Fetching;
using Mailroom.Live;
using Mailroom.Messages;
using Mailroom.Search;
using Mailroom.SenderAddresses;
using Mailroom.Sending.Queue;
using Mailroom.Users;
using Mailroom.Workspaces;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mailroom.Data;

internal sealed class MailroomDbContext(DbContextOptions<MailroomDbContext> options)
    : IdentityDbContext<MailroomUser>(options), IDataProtectionKeyContext
{
    public DbSet<Pop3Account> Pop3Accounts => Set<Pop3Account>();

    public DbSet<StoredMessage> Messages => Set<StoredMessage>();

    public DbSet<RawMessage> RawMessages => Set<RawMessage>();

    public DbSet<MessageText> MessageTexts => Set<MessageText>();

    public DbSet<SearchBackfill> SearchBackfill => Set<SearchBackfill>();

    public DbSet<UidLedgerEntry> UidLedger => Set<UidLedgerEntry>();

    public DbSet<AccountFetchState> AccountFetchStates => Set<AccountFetchState>();

    public DbSet<FetchRun> FetchRuns => Set<FetchRun>();

    public DbSet<SenderAddress> SenderAddresses => Set<SenderAddress>();

    public DbSet<VerificationCode> VerificationCodes => Set<VerificationCode>();

    public DbSet<QueuedMessage> QueuedMessages => Set<QueuedMessage>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<Workspace> Workspaces => Set<Workspace>();

    public DbSet<WorkspaceMember> WorkspaceMembers => Set<WorkspaceMember>();

    public DbSet<WorkspaceInvitation> WorkspaceInvitations => Set<WorkspaceInvitation>();

    public DbSet<SharedAccount> SharedAccounts => Set<SharedAccount>();

    public DbSet<Client> Clients => Set<Client>();

    public DbSet<ClientAddress> ClientAddresses => Set<ClientAddress>();

    public DbSet<MessageFiling> MessageFilings => Set<MessageFiling>();

    public DbSet<ClientRefiling> ClientRefilings => Set<ClientRefiling>();

    public DbSet<MailboxEvent> MailboxEvents => Set<MailboxEvent>();

    /// <summary>The Data Protection key ring, shared by every node through the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MailroomDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.IsSqlite())
        {
            // SQLite cannot compare or order DateTimeOffset text. Mailroom stores every instant in UTC,
            // so the binary form (ticks with a zero offset) orders correctly and keeps indexes usable.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
