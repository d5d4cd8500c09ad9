using System.Net;
using System.Net.Http.Json;
using System.Text;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.Sending;
using Mailroom.IntegrationTests.TestEnvironment;

namespace Mailroom.IntegrationTests.Clients;

/// <summary>
/// Filing end to end on the real servers: mail fetched from Dovecot and mail sent through Postfix lands in the timeline
/// of every client whose address or domain it mentions, also mail that was fetched before the client existed.
/// </summary>
public sealed class FilingTests(TestServers servers) : IClassFixture<TestServers>
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task FetchedMail_FromAClientsAddressOrAnyAddressAtItsDomain_IsFiled_NewestFirst(DatabaseKind database)
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(database).Configure(servers, outbox.Path).WithFastRefiling();
        await app.StartAsync();
        var mailbox = await servers.CreateMailboxAsync();
        using var api = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());
        var acme = await ClientsApi.CreateAsync(api, "Acme", emails: ["bob@partner.example"], domains: ["acme.example"]);
        await mailbox.DropMessagesAsync([
            Message("Carol <carol@ACME.example>", mailbox.Address, "From the domain", 1),
            Message("bob@partner.example", mailbox.Address, "From the address", 2),
            Message("Eve <eve@partner.example>", mailbox.Address, "Same domain as the address, not the client's", 3),
            Message("Zed <zed@elsewhere.example>", mailbox.Address, "Cc at the domain", 4, cc: "Dave <dave@acme.example>"),
            Message("Yan <yan@elsewhere.example>", mailbox.Address, "Unrelated", 5)]);

        var accountId = await SendingEnvironment.AddPop3AccountAsync(api, servers, mailbox);
        await FetchAllAsync(app, api, accountId, expected: 5);
        var timeline = await ClientsApi.TimelineAsync(api, acme, pageSize: 2);

        Assert.Equal(["Cc at the domain", "From the address", "From the domain"], ClientsApi.Subjects(timeline));
        var cc = timeline[0];
        Assert.Equal("dave@acme.example", Assert.Single(cc.GetProperty("cc").EnumerateArray()).GetProperty("email").GetString());
        Assert.Equal(mailbox.Address, Assert.Single(cc.GetProperty("to").EnumerateArray()).GetProperty("email").GetString());
        Assert.Equal("inbox", cc.GetProperty("folder").GetString());
        Assert.False(cc.GetProperty("shared").GetBoolean());
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task MailFetchedBeforeTheClientExisted_AndMailAfterAnAddressChange_IsRefiledInTheBackground(DatabaseKind database)
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(database).Configure(servers, outbox.Path).WithFastRefiling();
        await app.StartAsync();
        var mailbox = await servers.CreateMailboxAsync();
        using var api = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());
        await mailbox.DropMessagesAsync([
            Message("Ann <ann@globex.example>", mailbox.Address, "Globex one", 1),
            Message("Ben <ben@initech.example>", mailbox.Address, "Initech one", 2),
            Message("Cy <cy@globex.example>", mailbox.Address, "Globex two", 3)]);
        var accountId = await SendingEnvironment.AddPop3AccountAsync(api, servers, mailbox);
        await FetchAllAsync(app, api, accountId, expected: 3);

        var client = await ClientsApi.CreateAsync(api, "Globex", domains: ["globex.example"]);
        await ClientsApi.WaitForFilingAsync(api, client);
        var before = ClientsApi.Subjects(await ClientsApi.TimelineAsync(api, client));
        var progress = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/clients/{client}", ClientsApi.Json)).GetProperty("filing");

        using var changed = await api.PutAsJsonAsync($"api/clients/{client}", new { name = "Globex", domains = new[] { "initech.example" } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await ClientsApi.WaitForFilingAsync(api, client);
        var after = ClientsApi.Subjects(await ClientsApi.TimelineAsync(api, client));

        Assert.Equal(["Globex two", "Globex one"], before);
        Assert.Equal(3, progress.GetProperty("done").GetInt64());
        Assert.Equal(3, progress.GetProperty("total").GetInt64());
        Assert.Equal(["Initech one"], after);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task SentMail_ToAClientsAddress_IsFiledWhenItsCopyIsStored(DatabaseKind database)
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(database).Configure(servers, outbox.Path).WithFastRefiling();
        await app.StartAsync();
        var alice = await servers.CreateMailboxAsync();
        var carol = await servers.CreateMailboxAsync();
        using var api = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());
        var client = await ClientsApi.CreateAsync(api, "Carol's company", emails: [carol.Address]);
        var accountId = await SendingEnvironment.AddPop3AccountAsync(api, servers, alice);
        using var created = await api.PostAsJsonAsync("api/sender-addresses", new
        {
            address = alice.Address,
            displayName = "Alice",
            accountId,
            route = "own-server",
            smtpHost = servers.GoodHost,
            smtpPort = servers.SubmissionPort,
            smtpSecurity = "starttls",
            smtpUserName = alice.Address,
        });
        var senderId = (await created.ReadJsonAsync()).GetProperty("address").GetProperty("id").GetGuid();
        await ClientsApi.WaitForFilingAsync(api, client);

        using var sent = await api.PostAsJsonAsync("api/send", new { fromAddressId = senderId, to = carol.Address, subject = "Proposal", body = "Attached soon." });
        var sentJson = await sent.ReadJsonAsync();
        Assert.True(sent.StatusCode == HttpStatusCode.OK, sentJson.ToString());
        // Postfix really delivered it: the copy Mailroom filed is of mail that went out.
        Assert.Single(await SendingEnvironment.FetchAsync(servers, carol));
        var entry = Assert.Single(await ClientsApi.TimelineAsync(api, client));

        Assert.Equal(sentJson.GetProperty("sentCopyId").GetInt64(), entry.GetProperty("id").GetInt64());
        Assert.Equal("sent", entry.GetProperty("folder").GetString());
        Assert.Equal("Proposal", entry.GetProperty("subject").GetString());
    }

    internal static byte[] Message(string from, string to, string subject, int day, string? cc = null) => Encoding.UTF8.GetBytes(
        $"From: {from}\r\nTo: {to}\r\n" + (cc is null ? "" : $"Cc: {cc}\r\n") +
        $"Subject: {subject}\r\nDate: {new DateTimeOffset(2026, 11, day, 9, 0, 0, TimeSpan.Zero):r}\r\nMessage-ID: <{Guid.NewGuid():N}@example.test>\r\n" +
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello.\r\n");

    /// <summary>Fetch now through the API, then wait until the scheduler stored <paramref name="expected"/> messages.</summary>
    internal static async Task FetchAllAsync(MailroomAppFactory app, HttpClient api, Guid accountId, int expected)
    {
        (await api.PostAsync(new Uri($"api/accounts/{accountId}/fetch", UriKind.Relative), null)).Dispose();
        await Eventually.ReachedAsync(
            () => app.WithDbContextAsync(db => Task.FromResult(db.Messages.Count(m => m.AccountId == accountId))),
            stored => stored >= expected,
            TimeSpan.FromSeconds(30), $"{expected} messages fetched into account {accountId}");
    }
}
