using System.Globalization;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Accounts;

/// <summary>
/// The app configured for the testenv Dovecot: its CA trusted by configuration, loopback allowed (testenv lives on
/// 127.0.0.0/8), its ports allowed, system mail into a private outbox. Background fetching is off unless a test needs it.
/// </summary>
public class AccountsApp : MailroomAppFactory
{
    public const string SupportEmail = "support@example.test";

    public AccountsApp(DatabaseKind kind, bool fetching = false)
        : base(kind)
    {
        OutboxDirectory = Path.Combine(Path.GetTempPath(), "mailroom-tests", "outbox-" + Guid.NewGuid().ToString("N"));
        WithSetting("Mailroom:Tls:TrustedRootCertificates:0", TestMailbox.CaCertificatePath);
        WithSetting("Mailroom:Network:AllowPrivateAddresses", "true");
        WithSetting("Mailroom:Pop3:AllowedPorts:0", TestMailbox.Pop3Port.ToString(CultureInfo.InvariantCulture));
        WithSetting("Mailroom:Pop3:AllowedPorts:1", TestMailbox.Pop3sPort.ToString(CultureInfo.InvariantCulture));
        WithSetting("Mailroom:Support:Email", SupportEmail);
        WithSetting("Mailroom:Smtp:Relay:OutboxDirectory", OutboxDirectory);
        WithSetting("Mailroom:Fetching:Enabled", fetching ? "true" : "false");
        if (fetching)
        {
            // Quick rounds, so that three refused sign-ins take seconds rather than the default quarter of an hour.
            WithSetting("Mailroom:Fetching:PollInterval", "00:00:05");
            WithSetting("Mailroom:Fetching:ClaimInterval", "00:00:00.200");
            WithSetting("Mailroom:Fetching:BackoffInitial", "00:00:01");
        }
    }

    public string OutboxDirectory { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(OutboxDirectory))
        {
            Directory.Delete(OutboxDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class AccountsSqliteApp() : AccountsApp(DatabaseKind.Sqlite);

public sealed class AccountsPostgresApp() : AccountsApp(DatabaseKind.Postgres);
