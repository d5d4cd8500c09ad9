using System.Security.Cryptography.X509Certificates;

namespace Mailroom.IntegrationTests.TestEnvironment;

/// <summary>
/// The private Dovecot, Postfix and PostgreSQL that testenv/start.sh runs on 127.0.0.0/8, as described by the
/// testenv.env it writes (path in MAILROOM_TESTENV_FILE, default /tmp/mailroom-testenv/testenv.env).
/// Usable as a class or collection fixture; it holds no connections, so sharing it is free.
/// </summary>
public sealed class TestServers : IDisposable
{
    public const string DefaultEnvironmentFile = "/tmp/mailroom-testenv/testenv.env";

    private readonly Dictionary<string, string> _settings;

    public TestServers()
        : this(Environment.GetEnvironmentVariable("MAILROOM_TESTENV_FILE") is { Length: > 0 } path ? path : DefaultEnvironmentFile)
    {
    }

    /// <summary>For tools outside xunit; a class fixture may have one public constructor only.</summary>
    public static TestServers FromFile(string environmentFile) => new(environmentFile);

    private TestServers(string environmentFile)
    {
        if (!File.Exists(environmentFile))
        {
            throw new InvalidOperationException(
                $"The test servers are not running: {environmentFile} does not exist. Run testenv/start.sh (as root) first, " +
                "or ./test.sh, which starts them.");
        }

        _settings = File.ReadAllLines(environmentFile)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
        EnvironmentFile = environmentFile;
        CaCertificate = X509CertificateLoader.LoadCertificateFromFile(Setting("CA_CERT"));
    }

    public string EnvironmentFile { get; }

    /// <summary>The PEM file of <see cref="CaCertificate"/>, for Mailroom:Tls:TrustedRootCertificates.</summary>
    public string CaCertificatePath => Setting("CA_CERT");

    /// <summary>The throwaway test CA: the only root a test should trust.</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>Serves a certificate signed by <see cref="CaCertificate"/> with SAN 127.0.0.1 and localhost.</summary>
    public string GoodHost => Setting("IP_GOOD");

    /// <summary>Serves a CA-signed certificate that expired in 2020 (otherwise valid for this address).</summary>
    public string ExpiredCertificateHost => Setting("IP_EXPIRED");

    /// <summary>Serves a CA-signed certificate for DNS:wrong-host.example only.</summary>
    public string WrongHostCertificateHost => Setting("IP_WRONGHOST");

    /// <summary>Serves a self-signed certificate (SAN matches the address).</summary>
    public string SelfSignedCertificateHost => Setting("IP_SELFSIGNED");

    /// <summary>POP3 and submission without any TLS: no STLS/STARTTLS advertised, plaintext login allowed.</summary>
    public string NoTlsHost => Setting("IP_NOTLS");

    /// <summary>Plain POP3 with STLS (none on <see cref="NoTlsHost"/>).</summary>
    public int Pop3Port => IntSetting("POP3_PORT");

    /// <summary>POP3 over implicit TLS (not on <see cref="NoTlsHost"/>).</summary>
    public int Pop3sPort => IntSetting("POP3S_PORT");

    /// <summary>SMTP submission: STARTTLS required before AUTH (on <see cref="NoTlsHost"/>: no TLS, AUTH in the clear).</summary>
    public int SubmissionPort => IntSetting("SUBMISSION_PORT");

    /// <summary>SMTP over implicit TLS (not on <see cref="NoTlsHost"/>).</summary>
    public int SmtpsPort => IntSetting("SMTPS_PORT");

    /// <summary>Every mailbox lives at this domain; mail to other domains bounces (nothing leaves the machine).</summary>
    public string MailDomain => Setting("DOMAIN");

    /// <summary>Admin connection string for the PostgreSQL test cluster (no database: tests create their own).</summary>
    public string PostgresConnectionString => Setting("PG_CONNECTION");

    public string PostfixLogPath => Setting("POSTFIX_MAILLOG");

    public string DovecotLogPath => Setting("DOVECOT_LOG");

    internal string UsersDirectory => Setting("USERS_DIR");

    internal string MailRoot => Setting("MAIL_ROOT");

    /// <summary>A new mailbox with a unique address and a random password, ready for POP3 login and SMTP delivery.</summary>
    public Task<MailboxUser> CreateMailboxAsync(CancellationToken cancellationToken = default) =>
        MailboxUser.CreateAsync(this, cancellationToken);

    public void Dispose() => CaCertificate.Dispose();

    private string Setting(string name) =>
        _settings.TryGetValue("MAILROOM_TESTENV_" + name, out var value)
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentFile} has no MAILROOM_TESTENV_{name}; it was written by an older testenv/start.sh. " +
                "Run testenv/stop.sh and testenv/start.sh.");

    private int IntSetting(string name) => int.Parse(Setting(name), System.Globalization.CultureInfo.InvariantCulture);
}
