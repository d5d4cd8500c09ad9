using System.Globalization;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;

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
        _scratch = Configure(fetching);
    }

    /// <summary>One of several nodes on <paramref name="sharedDatabase"/> (or a restart of one on its <paramref name="port"/>).</summary>
    public AccountsApp(TestDatabase sharedDatabase, bool fetching, int port = 0)
        : base(sharedDatabase, port)
    {
        _scratch = Configure(fetching);
    }

    private string Configure(bool fetching)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "mailroom-tests", "accounts-" + Guid.NewGuid().ToString("N"));
        OutboxDirectory = Path.Combine(scratch, "outbox");
        WithSetting("Mailroom:Tls:TrustedRootCertificates:0", WriteCaFile(Servers, scratch));
        WithSetting("Mailroom:Network:AllowPrivateAddresses", "true");
        WithSetting("Mailroom:Pop3:AllowedPorts:0", Servers.Pop3Port.ToString(CultureInfo.InvariantCulture));
        WithSetting("Mailroom:Pop3:AllowedPorts:1", Servers.Pop3sPort.ToString(CultureInfo.InvariantCulture));
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

        return scratch;
    }

    private readonly string _scratch;

    public TestServers Servers { get; } = new();

    public string OutboxDirectory { get; private set; } = "";

    /// <summary>The administrator's view of the test CA: a PEM file named in Mailroom:Tls:TrustedRootCertificates.</summary>
    internal static string WriteCaFile(TestServers servers, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "test-ca.pem");
        File.WriteAllText(path, servers.CaCertificate.ExportCertificatePem());
        return path;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Servers.Dispose();
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class AccountsSqliteApp() : AccountsApp(DatabaseKind.Sqlite);

public sealed class AccountsPostgresApp() : AccountsApp(DatabaseKind.Postgres);
