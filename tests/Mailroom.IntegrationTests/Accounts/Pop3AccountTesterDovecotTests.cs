using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Mailroom.Accounts;
using Mailroom.Network;
using Mailroom.IntegrationTests.TestEnvironment;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.IntegrationTests.Accounts;

/// <summary>Test Account against the real Dovecot of testenv/: every verdict reproduced for real, not scripted.</summary>
public sealed class Pop3AccountTesterDovecotTests(TestServers servers) : IClassFixture<TestServers>, IDisposable
{
    private const string Good = "127.0.0.1";
    private const string Expired = "127.0.0.2";
    private const string WrongHost = "127.0.0.3";
    private const string SelfSigned = "127.0.0.4";
    private const string NoTls = "127.0.0.5";
    private const string Support = "support@example.test";

    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "mailroom-tests", "tester-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    [Fact]
    public async Task Test_OnImplicitTls_WithTheTestCaTrustedByConfiguration_Succeeds()
    {
        var mailbox = await servers.CreateMailboxAsync();
        await mailbox.DropSampleMessagesAsync(3);

        var result = await TestAsync(Settings(mailbox, Good, servers.Pop3sPort, useSsl: true));

        var report = Assert.IsType<Pop3ServerReport>(result.Report);
        Assert.True(report.TlsProtocol is SslProtocols.Tls12 or SslProtocols.Tls13, report.TlsVersion);
        Assert.Equal(3, report.MessageCount);
        Assert.True(report.TotalSize > 0);
        Assert.Contains("UIDL", report.Capabilities);
        Assert.Contains("PIPELINING", report.Capabilities);
    }

    [Fact]
    public async Task Test_OnStls_UpgradesBeforeSigningInAndSucceeds()
    {
        var mailbox = await servers.CreateMailboxAsync();

        var result = await TestAsync(Settings(mailbox, "localhost", servers.Pop3Port, useSsl: false));

        var report = Assert.IsType<Pop3ServerReport>(result.Report);
        Assert.NotEqual(SslProtocols.None, report.TlsProtocol);
        Assert.Equal(0, report.MessageCount);
    }

    [Fact]
    public async Task Test_OnAClosedPort_IsAConnectionFailure()
    {
        var mailbox = await servers.CreateMailboxAsync();
        var closedPort = ClosedPort();

        var verdict = await VerdictAsync(Settings(mailbox, Good, closedPort, useSsl: true), allowPort: closedPort);

        Assert.Equal(("connection", "refused", "Connection failure"), (verdict.Kind, verdict.Reason, verdict.Title));
        Assert.Contains("Check the incoming server name and port", verdict.Guidance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_WithAWrongPassword_IsAnAuthenticationFailure()
    {
        var mailbox = await servers.CreateMailboxAsync();

        var verdict = await VerdictAsync(Settings(mailbox, Good, servers.Pop3sPort, useSsl: true) with { Password = "wrong-password" });

        Assert.Equal(("authentication", "credentials", "Authentication failure"), (verdict.Kind, verdict.Reason, verdict.Title));
        Assert.Contains("app password", verdict.Guidance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_WithAnUnknownUser_IsAnAuthenticationFailure()
    {
        var settings = new Pop3ConnectionSettings(Good, servers.Pop3sPort, true, $"nobody-{Guid.NewGuid():N}@example.test", "whatever");

        var verdict = await VerdictAsync(settings);

        Assert.Equal(("authentication", "credentials"), (verdict.Kind, verdict.Reason));
    }

    [Theory]
    [InlineData(SelfSigned, "self-signed", "self-signed")]
    [InlineData(Expired, "expired", "expired")]
    [InlineData(WrongHost, "name-mismatch", "another host name")]
    public async Task Test_WithABadCertificate_NamesTheProblemAndTheSupportAddress(string address, string reason, string explanation)
    {
        var mailbox = await servers.CreateMailboxAsync();

        var verdict = await VerdictAsync(Settings(mailbox, address, servers.Pop3sPort, useSsl: true));

        Assert.Equal(("certificate", reason, "Certificate error"), (verdict.Kind, verdict.Reason, verdict.Title));
        Assert.Contains(explanation, verdict.Guidance, StringComparison.Ordinal);
        Assert.Contains($"contact {Support} with your mail server details and port number", verdict.Guidance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_OnAPortThatIsNotAllowed_IsRefusedBeforeConnecting()
    {
        var mailbox = await servers.CreateMailboxAsync();

        var verdict = await VerdictAsync(Settings(mailbox, Good, servers.Pop3sPort, useSsl: true), configure: settings =>
        {
            settings.Remove("Mailroom:Pop3:AllowedPorts:0");
            settings.Remove("Mailroom:Pop3:AllowedPorts:1");
        });

        Assert.Equal(("not-allowed", "port-not-allowed"), (verdict.Kind, verdict.Reason));
        Assert.Contains("110 and 995", verdict.Guidance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_OfALoopbackServer_IsRefusedUnlessTheAdministratorAllowsPrivateAddresses()
    {
        var mailbox = await servers.CreateMailboxAsync();

        var verdict = await VerdictAsync(Settings(mailbox, Good, servers.Pop3sPort, useSsl: true),
            configure: settings => settings["Mailroom:Network:AllowPrivateAddresses"] = "false");

        Assert.Equal(("not-allowed", "private-address"), (verdict.Kind, verdict.Reason));
    }

    [Fact]
    public async Task Test_WithoutSslOnAServerWithoutStls_RefusesToSendThePasswordInClear()
    {
        var mailbox = await servers.CreateMailboxAsync();

        var verdict = await VerdictAsync(Settings(mailbox, NoTls, servers.Pop3Port, useSsl: false));

        Assert.Equal(("insecure", "no-start-tls", "Insecure connection refused"), (verdict.Kind, verdict.Reason, verdict.Title));
    }

    [Fact]
    public async Task Test_WhileAnotherSessionHoldsTheMailbox_SaysTheMailboxIsInUse()
    {
        var mailbox = await servers.CreateMailboxAsync();
        await mailbox.DropSampleMessagesAsync(1);
        await using var services = Services();
        var settings = Settings(mailbox, Good, servers.Pop3sPort, useSsl: true);
        await using var holder = await services.GetRequiredService<MailConnector>()
            .ConnectPop3Async(new MailEndpoint(Good, servers.Pop3sPort, MailTransportSecurity.SslOnConnect), CancellationToken.None);
        await holder.AuthenticateAsync(mailbox.Address, mailbox.Password, CancellationToken.None);

        var result = await services.GetRequiredService<Pop3AccountTester>().TestAsync(settings, CancellationToken.None);

        var verdict = services.GetRequiredService<AccountTestGuidance>().Describe(Assert.IsType<MailFailure>(result.Failure));
        Assert.Equal(("mailbox-in-use", "in-use", "Mailbox in use"), (verdict.Kind, verdict.Reason, verdict.Title));
    }

    [Fact]
    public async Task Test_OfAHostThatDoesNotResolve_IsAConnectionFailure()
    {
        var mailbox = await servers.CreateMailboxAsync();

        var verdict = await VerdictAsync(Settings(mailbox, "pop.does-not-exist.example", servers.Pop3sPort, useSsl: true), resolver: new UnknownHosts());

        Assert.Equal(("connection", "host-not-found"), (verdict.Kind, verdict.Reason));
        Assert.Contains("does not exist", verdict.Guidance, StringComparison.Ordinal);
    }

    private static Pop3ConnectionSettings Settings(MailboxUser mailbox, string host, int port, bool useSsl) =>
        new(host, port, useSsl, mailbox.Address, mailbox.Password);

    private async Task<AccountTestResult> TestAsync(Pop3ConnectionSettings settings)
    {
        await using var services = Services();
        return await services.GetRequiredService<Pop3AccountTester>().TestAsync(settings, CancellationToken.None);
    }

    private async Task<ConnectionVerdict> VerdictAsync(
        Pop3ConnectionSettings settings, int? allowPort = null, Action<Dictionary<string, string?>>? configure = null, IHostResolver? resolver = null)
    {
        await using var services = Services(allowPort, configure, resolver);
        var result = await services.GetRequiredService<Pop3AccountTester>().TestAsync(settings, CancellationToken.None);
        Assert.False(result.Succeeded, "the test should have failed");
        return services.GetRequiredService<AccountTestGuidance>().Describe(result.Failure!);
    }

    private ServiceProvider Services(int? allowPort = null, Action<Dictionary<string, string?>>? configure = null, IHostResolver? resolver = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Mailroom:Tls:TrustedRootCertificates:0"] = AccountsApp.WriteCaFile(servers, _scratch),
            ["Mailroom:Network:AllowPrivateAddresses"] = "true",
            ["Mailroom:Network:ConnectTimeout"] = "00:00:05",
            // Dovecot answers [IN-USE] only after waiting about 10 s for the other session's lock.
            ["Mailroom:Network:CommandTimeout"] = "00:00:30",
            ["Mailroom:Pop3:AllowedPorts:0"] = servers.Pop3Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mailroom:Pop3:AllowedPorts:1"] = servers.Pop3sPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mailroom:Support:Email"] = Support,
        };
        if (allowPort is { } port)
        {
            settings["Mailroom:Pop3:AllowedPorts:2"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        configure?.Invoke(settings);
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging()
            .AddDataProtection().Services
            .AddMailroomNetwork()
            .AddMailroomAccounts();
        if (resolver is not null)
        {
            services.AddSingleton(resolver);
        }

        return services.BuildServiceProvider();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Answers every lookup with "host not found" without a DNS query leaving the machine.</summary>
    private sealed class UnknownHosts : IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
