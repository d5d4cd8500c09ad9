using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Mailroom.IntegrationTests.TestEnvironment;

/// <summary>Proves the test servers behave as testenv/README.md says, with plain MailKit clients.</summary>
public sealed class TestServersTests(TestServers servers) : IClassFixture<TestServers>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SubmittedMail_WithStartTlsAndSmtpAuth_ArrivesInTheRecipientsPop3Mailbox()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var sender = await servers.CreateMailboxAsync(ct);
        var recipient = await servers.CreateMailboxAsync(ct);
        var message = new MimeMessage { Subject = "Round trip", MessageId = $"{Guid.NewGuid():N}@mailroom.test", Body = new TextPart("plain") { Text = "Hello over SMTP and POP3.\n" } };
        message.From.Add(MailboxAddress.Parse(sender.Address));
        message.To.Add(MailboxAddress.Parse(recipient.Address));

        using (var smtp = new SmtpClient())
        {
            new TestCaValidation(servers.CaCertificate).ApplyTo(smtp);
            await smtp.ConnectAsync(servers.GoodHost, servers.SubmissionPort, SecureSocketOptions.StartTls, ct);
            await smtp.AuthenticateAsync(new SaslMechanismPlain(sender.Address, sender.Password), ct);
            await smtp.SendAsync(message, ct);
            await smtp.DisconnectAsync(quit: true, ct);
        }

        var messageIds = await WaitForMessageIdsAsync(recipient, expectedCount: 1, ct);
        Assert.Equal(message.MessageId, Assert.Single(messageIds));
    }

    [Fact]
    public async Task DroppedMessages_AreListedWithDistinctUids_AndADeletionIsFinalAtQuit()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var user = await servers.CreateMailboxAsync(ct);
        var dropped = await user.DropSampleMessagesAsync(5, ct);

        using (var pop3 = await ConnectPop3Async(servers.GoodHost, servers.Pop3sPort, SecureSocketOptions.SslOnConnect, ct))
        {
            await pop3.AuthenticateAsync(new SaslMechanismPlain(user.Address, user.Password), ct);
            var uids = await pop3.GetMessageUidsAsync(ct);
            var first = await pop3.GetMessageAsync(0, ct);
            await pop3.DeleteMessageAsync(0, ct);
            await pop3.DisconnectAsync(quit: true, ct);

            Assert.Equal(5, uids.Distinct().Count());
            Assert.Equal(dropped[0].MessageId, first.MessageId);
            Assert.Equal(dropped[0].Subject, first.Subject);
        }

        Assert.Equal(4, user.CountServerMessages());
    }

    [Theory]
    [InlineData(SecureSocketOptions.SslOnConnect)]
    [InlineData(SecureSocketOptions.StartTls)]
    public async Task Pop3OnTheGoodHost_PassesTestCaValidation_AndAdvertisesUidlAndPipelining(SecureSocketOptions security)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var port = security == SecureSocketOptions.StartTls ? servers.Pop3Port : servers.Pop3sPort;

        using var pop3 = await ConnectPop3Async(servers.GoodHost, port, security, timeout.Token);

        Assert.True(pop3.IsSecure);
        Assert.True(pop3.Capabilities.HasFlag(Pop3Capabilities.UIDL));
        Assert.True(pop3.Capabilities.HasFlag(Pop3Capabilities.Pipelining));
        await pop3.DisconnectAsync(quit: true, timeout.Token);
    }

    [Theory]
    [InlineData("expired", "pop3s")]
    [InlineData("expired", "pop3+stls")]
    [InlineData("expired", "submission+starttls")]
    [InlineData("expired", "smtps")]
    [InlineData("wrong-host", "pop3s")]
    [InlineData("wrong-host", "pop3+stls")]
    [InlineData("wrong-host", "submission+starttls")]
    [InlineData("wrong-host", "smtps")]
    [InlineData("self-signed", "pop3s")]
    [InlineData("self-signed", "pop3+stls")]
    [InlineData("self-signed", "submission+starttls")]
    [InlineData("self-signed", "smtps")]
    public async Task BadCertificate_IsRefusedByTestCaValidation_ForTheRightReason(string certificate, string service)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var host = certificate switch
        {
            "expired" => servers.ExpiredCertificateHost,
            "wrong-host" => servers.WrongHostCertificateHost,
            _ => servers.SelfSignedCertificateHost,
        };
        var validation = new TestCaValidation(servers.CaCertificate);
        using MailService client = service.StartsWith("pop3", StringComparison.Ordinal) ? new Pop3Client() : new SmtpClient();
        validation.ApplyTo(client);
        var (port, security) = service switch
        {
            "pop3s" => (servers.Pop3sPort, SecureSocketOptions.SslOnConnect),
            "pop3+stls" => (servers.Pop3Port, SecureSocketOptions.StartTls),
            "submission+starttls" => (servers.SubmissionPort, SecureSocketOptions.StartTls),
            _ => (servers.SmtpsPort, SecureSocketOptions.SslOnConnect),
        };

        await Assert.ThrowsAsync<SslHandshakeException>(() => client.ConnectAsync(host, port, security, timeout.Token));

        Assert.True(validation.Rejected);
        switch (certificate)
        {
            case "expired":
                Assert.True(validation.ChainStatus.HasFlag(X509ChainStatusFlags.NotTimeValid), $"chain status: {validation.ChainStatus}");
                break;
            case "wrong-host":
                Assert.True(validation.PolicyErrors?.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch), $"policy errors: {validation.PolicyErrors}");
                break;
            default:
                Assert.True(validation.ChainStatus.HasFlag(X509ChainStatusFlags.UntrustedRoot), $"chain status: {validation.ChainStatus}");
                break;
        }
    }

    [Fact]
    public async Task NoTlsHost_OffersNeitherStlsNorStartTls_AndAcceptsAPlaintextPop3Login()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var user = await servers.CreateMailboxAsync(ct);
        await user.DropSampleMessagesAsync(1, ct);

        using var pop3 = new Pop3Client();
        await pop3.ConnectAsync(servers.NoTlsHost, servers.Pop3Port, SecureSocketOptions.None, ct);
        Assert.False(pop3.Capabilities.HasFlag(Pop3Capabilities.StartTLS));
        await pop3.AuthenticateAsync(new SaslMechanismPlain(user.Address, user.Password), ct);
        Assert.Equal(1, pop3.Count);
        await pop3.DisconnectAsync(quit: true, ct);

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(servers.NoTlsHost, servers.SubmissionPort, SecureSocketOptions.None, ct);
        Assert.False(smtp.Capabilities.HasFlag(SmtpCapabilities.StartTLS));
        await smtp.DisconnectAsync(quit: true, ct);

        using var insisting = new Pop3Client();
        await Assert.ThrowsAsync<NotSupportedException>(() => insisting.ConnectAsync(servers.NoTlsHost, servers.Pop3Port, SecureSocketOptions.StartTls, ct));
    }

    [Fact]
    public async Task ChangedPassword_TakesEffectAtOnce_SoTheOldOneIsRefused()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var user = await servers.CreateMailboxAsync(ct);
        var oldPassword = user.Password;
        await LoginAsync(user.Address, oldPassword, ct); // Dovecot has now cached the file for this second

        await user.ChangePasswordAsync(cancellationToken: ct);

        await Assert.ThrowsAsync<AuthenticationException>(() => LoginAsync(user.Address, oldPassword, ct));
        await LoginAsync(user.Address, user.Password, ct);
    }

    private async Task LoginAsync(string address, string password, CancellationToken ct)
    {
        using var pop3 = await ConnectPop3Async(servers.GoodHost, servers.Pop3sPort, SecureSocketOptions.SslOnConnect, ct);
        await pop3.AuthenticateAsync(new SaslMechanismPlain(address, password), ct);
        await pop3.DisconnectAsync(quit: true, ct);
    }

    private async Task<Pop3Client> ConnectPop3Async(string host, int port, SecureSocketOptions security, CancellationToken ct)
    {
        var pop3 = new Pop3Client();
        new TestCaValidation(servers.CaCertificate).ApplyTo(pop3);
        await pop3.ConnectAsync(host, port, security, ct);
        return pop3;
    }

    /// <summary>Polls the mailbox over POP3 (a new session each time: POP3 shows a snapshot) until it holds the messages.</summary>
    private async Task<List<string>> WaitForMessageIdsAsync(MailboxUser user, int expectedCount, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var pop3 = await ConnectPop3Async(servers.GoodHost, servers.Pop3sPort, SecureSocketOptions.SslOnConnect, ct);
            await pop3.AuthenticateAsync(new SaslMechanismPlain(user.Address, user.Password), ct);
            if (pop3.Count >= expectedCount)
            {
                var headers = await pop3.GetMessageHeadersAsync(0, pop3.Count, ct);
                await pop3.DisconnectAsync(quit: true, ct);
                return headers.Select(h => MimeKit.Utils.MimeUtils.ParseMessageId(h[HeaderId.MessageId] ?? "") ?? "").ToList();
            }

            var received = pop3.Count;
            await pop3.DisconnectAsync(quit: true, ct);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{user} received {received} of {expectedCount} messages in 20 s; see {servers.PostfixLogPath}");
            await Task.Delay(100, ct);
        }
    }
}

/// <summary>Dovecot's pop3_lock_session, seen from a client. Its own class so its 10 s wait runs in parallel with the rest.</summary>
public sealed class Pop3SessionLockTests(TestServers servers) : IClassFixture<TestServers>
{
    [Fact]
    public async Task SecondPop3Session_WaitsAboutTenSeconds_ThenIsRefusedWithInUse()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var ct = timeout.Token;
        var user = await servers.CreateMailboxAsync(ct);
        using var first = new Pop3Client();
        new TestCaValidation(servers.CaCertificate).ApplyTo(first);
        await first.ConnectAsync(servers.GoodHost, servers.Pop3sPort, SecureSocketOptions.SslOnConnect, ct);
        await first.AuthenticateAsync(new SaslMechanismPlain(user.Address, user.Password), ct);

        using var transcript = new MemoryStream();
        using var second = new Pop3Client(new ProtocolLogger(transcript, leaveOpen: true));
        new TestCaValidation(servers.CaCertificate).ApplyTo(second);
        await second.ConnectAsync(servers.GoodHost, servers.Pop3sPort, SecureSocketOptions.SslOnConnect, ct);
        var clock = Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<AuthenticationException>(
            () => second.AuthenticateAsync(new SaslMechanismPlain(user.Address, user.Password), ct));

        // MailKit says only "Authentication failed."; the response code is in the server's reply.
        Assert.Equal("Authentication failed.", refused.Message);
        Assert.Contains("S: -ERR [IN-USE] Mailbox is locked by another POP3 session.", System.Text.Encoding.UTF8.GetString(transcript.ToArray()), StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(20));
        await first.DisconnectAsync(quit: true, ct);
    }
}
