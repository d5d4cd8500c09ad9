using Mailroom.Accounts;
using Mailroom.Data;
using Mailroom.Fetching;
using Mailroom.Network;
using Mailroom.Sending.SystemMail;
using Mailroom.Tests.Network;
using Mailroom.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Mailroom.Tests.Accounts;

/// <summary>The accounts engine wired to its own in-memory SQLite database, a fake clock and a fake mailer.</summary>
internal sealed class AccountsTestBed : IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    private AccountsTestBed()
    {
        Db = _database.CreateDbContext();
        DataProtection = new EphemeralDataProtectionProvider();
        Passwords = new Pop3PasswordProtector(DataProtection);
        Approvals = new TestApprovals(DataProtection, Time, new StaticOptionsMonitor<AccountsOptions>(Options));
    }

    public MailroomDbContext Db { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    public AccountsOptions Options { get; } = new();

    public IDataProtectionProvider DataProtection { get; }

    public Pop3PasswordProtector Passwords { get; }

    public TestApprovals Approvals { get; }

    public RecordingMailSender Mail { get; } = new();

    public static async Task<AccountsTestBed> CreateAsync()
    {
        var bed = new AccountsTestBed();
        await bed.AddUserAsync("owner-1", "owner@example.test");
        await bed.AddUserAsync("owner-2", "other@example.test");
        return bed;
    }

    public async Task AddUserAsync(string id, string email)
    {
        Db.Users.Add(new MailroomUser { Id = id, UserName = email, Email = email });
        await Db.SaveChangesAsync();
    }

    /// <summary>Where links in Mailroom's own emails point.</summary>
    public const string PublicBaseUrl = "https://mail.example.test";

    public Pop3AccountService Service(int scriptedPort = 995) => new(
        Db,
        new Pop3AccountTester(TestConnectors.ForScriptedServer(scriptedPort), NullLogger<Pop3AccountTester>.Instance),
        Pop3AccountTesterTests.Guidance(),
        Approvals,
        Passwords,
        FetchRequests(),
        Throttle,
        Time,
        NullLogger<Pop3AccountService>.Instance);

    /// <summary>One per bed, as one per app: budgets are counted across every service the test creates.</summary>
    public ServerTestThrottle Throttle { get; private set; } = new(Microsoft.Extensions.Options.Options.Create(new ServerTestLimits()));

    /// <summary>Replaces the throttle with one of these budgets.</summary>
    public void LimitServerTests(int perUser, int perTarget) =>
        Throttle = new(Microsoft.Extensions.Options.Options.Create(new ServerTestLimits { ServerTestsPerUserPer10Minutes = perUser, ServerTestsPerTargetPer10Minutes = perTarget }));

    public FetchRequests FetchRequests() => new(new FetchStateStore(_database, Time), new FetchWakeup(Time));

    public AccountHealth Health() => new(
            _database,
            new AccountDisabledNotifier(_database, Mail, Microsoft.Extensions.Options.Options.Create(new AccountLinksOptions { PublicOrigin = new Uri(PublicBaseUrl) }), NullLogger<AccountDisabledNotifier>.Instance),
            Time,
            new StaticOptionsMonitor<AccountsOptions>(Options),
            NullLogger<AccountHealth>.Instance);

    public async Task<Pop3Account> AddAccountAsync(string ownerId = "owner-1", string password = "secret", int port = 995)
    {
        var account = new Pop3Account
        {
            OwnerId = ownerId,
            DisplayName = "Work",
            EmailAddress = "alice@example.test",
            Host = "pop.example.test",
            Port = port,
            UseSsl = false,
            UserName = "alice",
            ProtectedPassword = Passwords.Protect(password),
            CreatedAt = Time.GetUtcNow(),
        };
        Db.Pop3Accounts.Add(account);
        await Db.SaveChangesAsync();
        Db.ChangeTracker.Clear();
        return account;
    }

    /// <summary>The account as stored now, bypassing the change tracker (ExecuteUpdate does not touch tracked entities).</summary>
    public Task<Pop3Account> ReloadAsync(Guid id) => Db.Pop3Accounts.AsNoTracking().SingleAsync(a => a.Id == id);

    public async ValueTask DisposeAsync()
    {
        Throttle.Dispose();
        await Db.DisposeAsync();
        _database.Dispose();
    }

    internal sealed class RecordingMailSender : ISystemMailSender
    {
        public List<MimeMessage> Sent { get; } = [];

        public bool WritesToOutbox => true;

        public MailboxAddress Sender { get; } = new("Mailroom", "mailroom@example.test");

        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
