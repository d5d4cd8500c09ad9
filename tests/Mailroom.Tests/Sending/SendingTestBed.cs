using System.Net;
using System.Text.RegularExpressions;
using Mailroom.Accounts;
using Mailroom.Data;
using Mailroom.Messages;
using Mailroom.Network;
using Mailroom.SenderAddresses;
using Mailroom.Sending;
using Mailroom.Sending.Compose;
using Mailroom.Sending.Queue;
using Mailroom.Sending.SystemMail;
using Mailroom.Tests.Network;
using Mailroom.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Mailroom.Tests.Sending;

/// <summary>The sending and Send Mail As engine on its own in-memory SQLite database, a fake clock, a recording system mailer and a fake SMTP server.</summary>
internal sealed partial class SendingTestBed : IAsyncDisposable
{
    public const string Owner = "owner-1";
    public const string OtherUser = "owner-2";
    public static readonly Uri ConfirmationPage = new("https://mailroom.example.test/send-as/confirm");

    private readonly SqliteTestDatabase _database = new();

    private SendingTestBed()
    {
        Db = _database.CreateDbContext();
        SmtpPasswords = new SmtpPasswordProtector(DataProtection);
        Pop3Passwords = new Pop3PasswordProtector(DataProtection);
    }

    public MailroomDbContext Db { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    public IDataProtectionProvider DataProtection { get; } = new EphemeralDataProtectionProvider();

    public SenderAddressesOptions Options { get; } = new();

    public SendingOptions SendingOptions { get; } = new();

    public RecordingSystemMail SystemMail { get; } = new();

    public FakeSmtpServer Smtp { get; } = new();

    public SmtpPasswordProtector SmtpPasswords { get; }

    public Pop3PasswordProtector Pop3Passwords { get; }

    public static async Task<SendingTestBed> CreateAsync()
    {
        var bed = new SendingTestBed();
        bed.Db.Users.Add(new MailroomUser { Id = Owner, UserName = "owner@example.test", Email = "owner@example.test" });
        bed.Db.Users.Add(new MailroomUser { Id = OtherUser, UserName = "other@example.test", Email = "other@example.test" });
        await bed.Db.SaveChangesAsync();
        return bed;
    }

    public MailConnector Connector()
    {
        var network = new StaticOptionsMonitor<NetworkOptions>(new NetworkOptions
        {
            AllowPrivateAddresses = true,
            AllowPlaintext = true,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            CommandTimeout = TimeSpan.FromSeconds(5),
        });
        var smtp = new SmtpOptions();
        smtp.AllowedPorts.Add(Smtp.Port);
        return new MailConnector(new EndpointGuard(new LoopbackResolver(), network), new CertificateTrust(Microsoft.Extensions.Options.Options.Create(new TlsOptions())),
            network, new StaticOptionsMonitor<Pop3Options>(new Pop3Options()), new StaticOptionsMonitor<SmtpOptions>(smtp));
    }

    public static SmtpGuidance Guidance() => new(new StaticOptionsMonitor<SupportOptions>(new SupportOptions()), new StaticOptionsMonitor<SmtpOptions>(new SmtpOptions()));

    public AddressVerification Verification() => new(
        Db,
        new VerificationMailer(SystemMail, Time),
        new VerificationLinks(DataProtection),
        Time,
        new StaticOptionsMonitor<SenderAddressesOptions>(Options),
        NullLogger<AddressVerification>.Instance);

    public SenderAddressService Addresses() => new(
        Db,
        new SmtpServerTester(Connector(), NullLogger<SmtpServerTester>.Instance),
        Guidance(),
        SmtpPasswords,
        Pop3Passwords,
        Verification(),
        Throttle,
        Time,
        NullLogger<SenderAddressService>.Instance);

    public ServerTestThrottle Throttle { get; } = new(Microsoft.Extensions.Options.Options.Create(new ServerTestLimits { ServerTestsPerTargetPer10Minutes = 1000, ServerTestsPerUserPer10Minutes = 1000 }));

    public OutgoingMailService Outgoing() => new(
        Db,
        new MessageLookup(Db),
        Queue(),
        Delivery(),
        Time,
        new StaticOptionsMonitor<SendingOptions>(SendingOptions));

    public SendQueueStore Queue() => new(Db, Time);

    public QueuedMessageDelivery Delivery() => new(
        Db,
        new SmtpRouteTransport(Connector(), SystemMail, NullLogger<SmtpRouteTransport>.Instance),
        Guidance(),
        SmtpPasswords,
        Time,
        NullLogger<QueuedMessageDelivery>.Instance);

    public ComposeDrafts Drafts() => new(Db, new MessageLookup(Db));

    public SenderAddressInput OwnServerInput(string address = "alice@example.test", string? password = "alice-secret", string? userName = "alice@example.test") => new()
    {
        Address = address,
        DisplayName = "Alice Example",
        Route = SendingRoute.OwnServer,
        SmtpHost = "127.0.0.1",
        SmtpPort = Smtp.Port,
        SmtpSecurity = MailTransportSecurity.StartTls,
        SmtpUserName = userName,
        SmtpPassword = password,
    };

    public static SenderAddressInput RelayInput(string address = "alice@example.test", string? replyTo = null) => new()
    {
        Address = address,
        DisplayName = "Alice Example",
        Route = SendingRoute.MailroomRelay,
        ReplyTo = replyTo,
    };

    public async Task<SenderAddressSummary> SaveAsync(SenderAddressInput input, string owner = Owner, Guid? id = null)
    {
        var result = await Addresses().SaveAsync(owner, id, input, ConfirmationPage, CancellationToken.None);
        Assert.True(result.Status == SenderAddressSaveStatus.Saved, $"{result.Status}: {result.Verdict?.Message} {string.Join("; ", result.Errors?.SelectMany(e => e.Value) ?? [])}");
        Db.ChangeTracker.Clear();
        return result.Address!;
    }

    public async Task<Pop3Account> AddAccountAsync(string owner = Owner, string email = "alice@example.test", string password = "alice-secret", string host = "pop.example.test")
    {
        var account = new Pop3Account
        {
            OwnerId = owner,
            DisplayName = "Work",
            EmailAddress = email,
            Host = host,
            Port = 995,
            UseSsl = true,
            UserName = email,
            ProtectedPassword = Pop3Passwords.Protect(password),
            CreatedAt = Time.GetUtcNow(),
        };
        Db.Pop3Accounts.Add(account);
        await Db.SaveChangesAsync();
        Db.ChangeTracker.Clear();
        return account;
    }

    public async Task<StoredMessage> StoreInboxMessageAsync(Guid accountId, MimeMessage message, string owner = Owner)
    {
        using var bytes = new MemoryStream();
        await message.WriteToAsync(bytes);
        var raw = bytes.ToArray();
        var stored = MessageSummaryParser.Parse(raw, Time.GetUtcNow()).ToStoredMessage(accountId, owner, MailFolder.Inbox, raw, Time.GetUtcNow());
        Db.Messages.Add(stored);
        await Db.SaveChangesAsync();
        Db.ChangeTracker.Clear();
        return stored;
    }

    public Task<SenderAddress> ReloadAsync(Guid id) => Db.SenderAddresses.AsNoTracking().SingleAsync(a => a.Id == id);

    /// <summary>The code in the last verification email, as the recipient reads it.</summary>
    public string LastCode() => CodePattern().Match(SystemMail.Sent[^1].TextBody ?? "").Groups[1].Value;

    /// <summary>The token in the last verification email's link.</summary>
    public string LastLinkToken()
    {
        var link = LinkPattern().Match(SystemMail.Sent[^1].TextBody ?? "").Value;
        return Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);
    }

    public async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        Throttle.Dispose();
        await Db.DisposeAsync();
        _database.Dispose();
    }

    [GeneratedRegex(@"^\s*(\d{6,10})\s*$", RegexOptions.Multiline)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"https://\S+")]
    private static partial Regex LinkPattern();

    internal sealed class RecordingSystemMail : ISystemMailSender
    {
        public List<MimeMessage> Sent { get; } = [];

        public Exception? FailWith { get; set; }

        public bool WritesToOutbox { get; set; } = true;

        public MailboxAddress Sender { get; } = new("Mailroom", "mailroom@example.test");

        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (FailWith is not null)
            {
                throw FailWith;
            }

            Sent.Add(message);
            return Task.CompletedTask;
        }
    }

    private sealed class LoopbackResolver : IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Task.FromResult(new[] { IPAddress.Loopback });
    }
}
