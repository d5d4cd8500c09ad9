using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MailKit.Net.Pop3;
using MailKit.Security;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Mailroom.Messages;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Mailroom.IntegrationTests.Sending;

/// <summary>
/// The app wired to the real Postfix and Dovecot of testenv/: the test CA trusted by configuration, loopback servers
/// allowed, the test ports allowed for SMTP, and Mailroom's own mail either relayed through Postfix or written to an
/// outbox folder of this test's own.
/// </summary>
internal static partial class SendingEnvironment
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static MailroomAppFactory Configure(this MailroomAppFactory app, TestServers servers, string outboxDirectory, MailboxUser? relayUser = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(servers);
        app.WithSetting("Mailroom:Tls:TrustedRootCertificates:0", CaPemPath(servers))
            .WithSetting("Mailroom:Network:AllowPrivateAddresses", "true")
            .WithSetting("Mailroom:Smtp:AllowedPorts:0", servers.SubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting("Mailroom:Smtp:AllowedPorts:1", servers.SmtpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting("Mailroom:Pop3:AllowedPorts:0", servers.Pop3sPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting("Mailroom:Smtp:Relay:OutboxDirectory", outboxDirectory)
            .WithSetting("Mailroom:Smtp:Relay:FromAddress", "mailroom@" + servers.MailDomain)
            .WithSetting("Mailroom:SenderAddresses:ResendInterval", "00:00:00")
            // Compose hands over at once unless a test opts into the undo window (SendQueueTests do).
            .WithSetting("Mailroom:Sending:UndoDelay", "00:00:00");
        if (relayUser is not null)
        {
            app.WithSetting("Mailroom:Smtp:Relay:Host", servers.GoodHost)
                .WithSetting("Mailroom:Smtp:Relay:Port", servers.SubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithSetting("Mailroom:Smtp:Relay:Security", "StartTls")
                .WithSetting("Mailroom:Smtp:Relay:UserName", relayUser.Address)
                .WithSetting("Mailroom:Smtp:Relay:Password", relayUser.Password);
        }

        return app;
    }

    /// <summary>The own-server request for a mailbox user on the good (CA-signed) listener.</summary>
    public static object OwnServer(TestServers servers, MailboxUser user, string? password = null, string? host = null, bool implicitTls = false, string? replyTo = null) => new
    {
        address = user.Address,
        displayName = "Test Sender",
        route = "own-server",
        smtpHost = host ?? servers.GoodHost,
        smtpPort = implicitTls ? servers.SmtpsPort : servers.SubmissionPort,
        smtpSecurity = implicitTls ? "ssl" : "starttls",
        smtpUserName = user.Address,
        smtpPassword = password ?? user.Password,
        replyTo,
    };

    /// <summary>Adds the mailbox as a POP3 account through the accounts API (tested against the real Dovecot); returns its id.</summary>
    public static async Task<Guid> AddPop3AccountAsync(HttpClient client, TestServers servers, MailboxUser user)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(user);
        using var response = await client.PostAsJsonAsync("api/accounts", new
        {
            displayName = "Work",
            emailAddress = user.Address,
            host = servers.GoodHost,
            port = servers.Pop3sPort,
            useSsl = true,
            userName = user.Address,
            password = user.Password,
        });
        var json = await response.ReadJsonAsync();
        return response.IsSuccessStatusCode ? json.GetProperty("id").GetGuid() : throw new InvalidOperationException($"Adding the POP3 account failed: {json}");
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    /// <summary>Every message in the mailbox, fetched over POP3S with TLS verified against the test CA only; waits until at least <paramref name="atLeast"/> arrived.</summary>
    public static async Task<IReadOnlyList<(MimeMessage Message, byte[] Raw)>> FetchAsync(TestServers servers, MailboxUser user, int atLeast = 1)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(user);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while (true)
        {
            using var client = new Pop3Client();
            new TestCaValidation(servers.CaCertificate).ApplyTo(client);
            await client.ConnectAsync(servers.GoodHost, servers.Pop3sPort, SecureSocketOptions.SslOnConnect);
            await client.AuthenticateAsync(new SaslMechanismPlain(user.Address, user.Password));
            var messages = new List<(MimeMessage, byte[])>();
            for (var i = 0; i < client.Count; i++)
            {
                using var stream = await client.GetStreamAsync(i);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                var raw = copy.ToArray();
                messages.Add((MimeMessage.Load(new MemoryStream(raw)), raw));
            }

            await client.DisconnectAsync(quit: true);
            if (messages.Count >= atLeast || TimeProvider.System.GetUtcNow() > deadline)
            {
                return messages;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The raw bytes of the first message Mailroom's own fetcher stored for the account (waits up to 30 s).</summary>
    public static async Task<byte[]> FetchedByMailroomAsync(MailroomAppFactory app, Guid accountId)
    {
        ArgumentNullException.ThrowIfNull(app);
        var raw = await Eventually.ReachedAsync(
            () => app.WithDbContextAsync(db => db.Messages
                .Where(m => m.AccountId == accountId && m.Folder == MailFolder.Inbox)
                .Select(m => m.Raw!.Content)
                .FirstOrDefaultAsync()),
            raw => raw is not null,
            TimeSpan.FromSeconds(30), $"a message fetched into account {accountId}", _ => "a message");
        return raw!;
    }

    /// <summary>The code in a verification email, as a person reads it.</summary>
    public static string CodeIn(MimeMessage verificationEmail) =>
        CodeLine().Match(verificationEmail?.TextBody ?? "").Groups[1].Value is { Length: > 0 } code
            ? code
            : throw new InvalidOperationException("The email has no code: " + verificationEmail?.TextBody);

    /// <summary>The token of the link in a verification email.</summary>
    public static string TokenIn(MimeMessage verificationEmail)
    {
        var link = new Uri(LinkLine().Match(verificationEmail?.TextBody ?? "").Value);
        return Uri.UnescapeDataString(link.Query["?token=".Length..]);
    }

    /// <summary>The .eml files Mailroom wrote to the outbox in zero-configuration mode, oldest first.</summary>
    public static IReadOnlyList<MimeMessage> Outbox(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.GetFiles(directory, "*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path))]
            : [];

    private static string CaPemPath(TestServers servers)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mailroom-test-ca-{Convert.ToHexString(servers.CaCertificate.GetCertHash())}.pem");
        if (!File.Exists(path))
        {
            var temp = path + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(temp, servers.CaCertificate.ExportCertificatePem());
            File.Move(temp, path, overwrite: true);
        }

        return path;
    }

    [GeneratedRegex(@"^\s*(\d{6,10})\s*$", RegexOptions.Multiline)]
    private static partial Regex CodeLine();

    [GeneratedRegex(@"https?://\S+token=\S+")]
    private static partial Regex LinkLine();
}
