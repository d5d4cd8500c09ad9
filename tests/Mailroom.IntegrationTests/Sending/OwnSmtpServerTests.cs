using System.Net;
using System.Net.Http.Json;
using System.Text;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Mailroom.Messages;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Mailroom.IntegrationTests.Sending;

/// <summary>Own SMTP server routes against the real Postfix (submission with STARTTLS, and implicit TLS), delivered into Dovecot.</summary>
public sealed class OwnSmtpServerTests(TestServers servers) : IClassFixture<TestServers>
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task CorrectCredentials_PassTheTest_SendAtOnce_AndTheMessageArrivesWithFromReplyToSubjectBodyAndAttachment(DatabaseKind database)
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(database).Configure(servers, outbox.Path);
        await app.StartAsync();
        var alice = await servers.CreateMailboxAsync();
        var team = await servers.CreateMailboxAsync();
        var carol = await servers.CreateMailboxAsync();
        using var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());

        using var test = await client.PostAsJsonAsync("api/sender-addresses/test", SendingEnvironment.OwnServer(servers, alice));
        var tested = await test.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, test.StatusCode);
        Assert.True(tested.GetProperty("signedIn").GetBoolean());
        Assert.Equal(0, alice.CountServerMessages() + carol.CountServerMessages());

        // The outgoing step after the incoming account: its password is the default for the SMTP server.
        var accountId = await SendingEnvironment.AddPop3AccountAsync(client, servers, alice);
        using var created = await client.PostAsJsonAsync("api/sender-addresses", new
        {
            address = alice.Address,
            displayName = "Test Sender",
            accountId,
            route = "own-server",
            smtpHost = servers.GoodHost,
            smtpPort = servers.SubmissionPort,
            smtpSecurity = "starttls",
            smtpUserName = alice.Address,
            replyTo = team.Address,
        });
        var address = (await created.ReadJsonAsync()).GetProperty("address");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("verified", address.GetProperty("status").GetString());
        Assert.Equal("smtp-sign-in", address.GetProperty("verifiedBy").GetString());
        var id = address.GetProperty("id").GetGuid();

        // The Reply-To is confirmed by the code Mailroom mailed to it (zero-configuration mode: into the outbox folder).
        var replyToMail = Assert.Single(SendingEnvironment.Outbox(outbox.Path));
        Assert.Equal(team.Address, replyToMail.To.Mailboxes.Single().Address);
        using var verified = await client.PostAsJsonAsync($"api/sender-addresses/{id}/verify", new { code = SendingEnvironment.CodeIn(replyToMail), target = "reply-to" });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);

        var attachment = Encoding.UTF8.GetBytes("name,amount\nWidgets,42\n");
        using var sent = await client.PostAsJsonAsync("api/send", new
        {
            fromAddressId = id,
            to = carol.Address,
            subject = "Numbers for Q4 — überprüft",
            body = "Hello Carol,\n\nthe numbers are attached.\n\nAlice",
            attachments = new[] { new { fileName = "numbers.csv", contentType = "text/csv", contentBase64 = Convert.ToBase64String(attachment) } },
        });
        var sentJson = await sent.ReadJsonAsync();
        Assert.True(sent.StatusCode == HttpStatusCode.OK, sentJson.ToString());

        // Fetched back by Mailroom itself: Carol is another Mailroom user whose POP3 account is this Dovecot mailbox.
        using var carolsClient = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("carol"));
        var carolsAccount = await SendingEnvironment.AddPop3AccountAsync(carolsClient, servers, carol);
        (await carolsClient.PostAsync(new Uri($"api/accounts/{carolsAccount}/fetch", UriKind.Relative), null)).Dispose();
        var raw = await SendingEnvironment.FetchedByMailroomAsync(app, carolsAccount);
        var received = MimeMessage.Load(new MemoryStream(raw));
        Assert.Equal("\"Test Sender\" <" + alice.Address + ">", received.From.ToString());
        Assert.Equal(team.Address, received.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("Numbers for Q4 — überprüft", received.Subject);
        Assert.Equal("Hello Carol,\n\nthe numbers are attached.\n\nAlice", received.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'));
        var part = Assert.IsAssignableFrom<MimePart>(Assert.Single(received.Attachments));
        Assert.Equal("numbers.csv", part.FileName);
        using var decoded = new MemoryStream();
        await part.Content!.DecodeToAsync(decoded);
        Assert.Equal(attachment, decoded.ToArray());
        Assert.Equal(sentJson.GetProperty("messageId").GetString(), received.MessageId);

        // The sent copy is byte for byte what Postfix received: delivery only put trace headers in front.
        var copy = await app.WithDbContextAsync(db => db.Messages.Include(m => m.Raw).SingleAsync(m => m.Folder == MailFolder.Sent));
        Assert.Equal(accountId, copy.AccountId);
        Assert.Equal(copy.Id, sentJson.GetProperty("sentCopyId").GetInt64());
        Assert.EndsWith(Convert.ToHexString(copy.Raw!.Content), Convert.ToHexString(raw), StringComparison.Ordinal);
        using var sentList = await client.GetAsync(new Uri($"api/messages?account={accountId}&folder=sent", UriKind.Relative));
        using var inboxList = await client.GetAsync(new Uri($"api/messages?account={accountId}", UriKind.Relative));
        Assert.Equal(copy.Id, Assert.Single((await sentList.ReadJsonAsync()).GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.DoesNotContain(copy.Id, (await inboxList.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(alice.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImplicitTlsOnPort465Style_PassesTheTestToo()
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).Configure(servers, outbox.Path);
        await app.StartAsync();
        var alice = await servers.CreateMailboxAsync();
        using var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());

        using var test = await client.PostAsJsonAsync("api/sender-addresses/test", SendingEnvironment.OwnServer(servers, alice, implicitTls: true));

        Assert.Equal(HttpStatusCode.OK, test.StatusCode);
        Assert.StartsWith("TLS 1.", (await test.ReadJsonAsync()).GetProperty("tlsProtocol").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_GivesTheAuthenticationVerdict_AndSavesNothing()
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).Configure(servers, outbox.Path);
        await app.StartAsync();
        var alice = await servers.CreateMailboxAsync();
        using var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());

        using var created = await client.PostAsJsonAsync("api/sender-addresses", SendingEnvironment.OwnServer(servers, alice, password: "not-the-password"));
        var problem = await created.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, created.StatusCode);
        Assert.Equal("authentication", problem.GetProperty("kind").GetString());
        Assert.Equal("credentials", problem.GetProperty("reason").GetString());
        Assert.Equal(0, (await (await client.GetAsync("api/sender-addresses")).ReadJsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task SelfSignedCertificate_GivesTheCertificateVerdict_BeforeThePasswordIsSent()
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).Configure(servers, outbox.Path);
        await app.StartAsync();
        var alice = await servers.CreateMailboxAsync();
        using var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());

        using var test = await client.PostAsJsonAsync("api/sender-addresses/test", SendingEnvironment.OwnServer(servers, alice, host: servers.SelfSignedCertificateHost));
        var problem = await test.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, test.StatusCode);
        Assert.Equal("certificate", problem.GetProperty("kind").GetString());
        Assert.Equal("self-signed", problem.GetProperty("reason").GetString());
        Assert.Contains("Your password was not sent", problem.GetProperty("guidance").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerThatDeniesRelayingWithoutSignIn_IsShownAsRelayDenied_AndNothingIsKept()
    {
        // Postfix here accepts every example.test recipient and bounces unknown ones later, but refuses unauthenticated
        // clients at RCPT with "554 5.7.1 Client host rejected": a real relay denial. (Refused recipients are unit-tested.)
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).Configure(servers, outbox.Path);
        await app.StartAsync();
        var alice = await servers.CreateMailboxAsync();
        var carol = await servers.CreateMailboxAsync();
        using var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());
        using var created = await client.PostAsJsonAsync("api/sender-addresses", new
        {
            address = alice.Address,
            route = "own-server",
            smtpHost = servers.GoodHost,
            smtpPort = servers.SubmissionPort,
            smtpSecurity = "starttls",
        });
        var id = (await created.ReadJsonAsync()).GetProperty("address").GetProperty("id").GetGuid();
        var code = SendingEnvironment.CodeIn(Assert.Single(SendingEnvironment.Outbox(outbox.Path)));
        using var verified = await client.PostAsJsonAsync($"api/sender-addresses/{id}/verify", new { code });

        using var sent = await client.PostAsJsonAsync("api/send", new { fromAddressId = id, to = carol.Address, subject = "Hi", body = "Hello" });
        var problem = await sent.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sent.StatusCode);
        Assert.Equal("relay-denied", problem.GetProperty("reason").GetString());
        Assert.Equal("Relay denied", problem.GetProperty("title").GetString());
        Assert.Equal(0, await app.WithDbContextAsync(db => db.Messages.CountAsync()));
        Assert.Equal(0, carol.CountServerMessages());
    }

    [Fact]
    public async Task PasswordChangedAtTheProvider_SendSaysTheSavedPasswordIsProbablyOutdated_AndTheAddressIsFlagged()
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).Configure(servers, outbox.Path);
        await app.StartAsync();
        var alice = await servers.CreateMailboxAsync();
        var carol = await servers.CreateMailboxAsync();
        using var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());
        using var created = await client.PostAsJsonAsync("api/sender-addresses", SendingEnvironment.OwnServer(servers, alice));
        var id = (await created.ReadJsonAsync()).GetProperty("address").GetProperty("id").GetGuid();
        await alice.ChangePasswordAsync();

        using var sent = await client.PostAsJsonAsync("api/send", new { fromAddressId = id, to = carol.Address, subject = "Hi", body = "Hello" });
        var problem = await sent.ReadJsonAsync();
        var flagged = await (await client.GetAsync($"api/sender-addresses/{id}")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, sent.StatusCode);
        Assert.True(problem.GetProperty("passwordOutdated").GetBoolean());
        Assert.Contains("saved SMTP password is probably outdated", problem.GetProperty("guidance").GetString(), StringComparison.Ordinal);
        Assert.True(flagged.GetProperty("smtpPasswordRejected").GetBoolean());
    }
}
