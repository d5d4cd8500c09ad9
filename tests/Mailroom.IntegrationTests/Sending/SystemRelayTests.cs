using System.Net;
using System.Net.Http.Json;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.IntegrationTests.Sending;

/// <summary>Mailroom's SMTP: the administrator's relay (the real Postfix, signed in as a relay user) or, with none configured, the outbox folder.</summary>
public sealed class SystemRelayTests(TestServers servers) : IClassFixture<TestServers>
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task VerificationEmail_ArrivesInTheMailbox_SendingIsRefusedUntilTheCodeIsEntered_ThenWorks(DatabaseKind database)
    {
        var relay = await servers.CreateMailboxAsync();
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(database).Configure(servers, outbox.Path, relay);
        await app.StartAsync();
        var bob = await servers.CreateMailboxAsync();
        var carol = await servers.CreateMailboxAsync();
        using var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());

        using var created = await client.PostAsJsonAsync("api/sender-addresses", new { address = bob.Address, displayName = "Bob", route = "mailroom" });
        var address = (await created.ReadJsonAsync()).GetProperty("address");
        var id = address.GetProperty("id").GetGuid();
        Assert.Equal("waiting-for-verification", address.GetProperty("status").GetString());

        var (verification, _) = Assert.Single(await SendingEnvironment.FetchAsync(servers, bob));
        Assert.Equal("mailroom@" + servers.MailDomain, verification.From.Mailboxes.Single().Address);
        using var refused = await client.PostAsJsonAsync("api/send", new { fromAddressId = id, to = carol.Address, subject = "Too early", body = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("not-verified", (await refused.ReadJsonAsync()).GetProperty("kind").GetString());

        using var verified = await client.PostAsJsonAsync($"api/sender-addresses/{id}/verify", new { code = SendingEnvironment.CodeIn(verification) });
        using var sent = await client.PostAsJsonAsync("api/send", new { fromAddressId = id, to = carol.Address, subject = "Relayed", body = "Through Mailroom's SMTP" });

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var (received, _) = Assert.Single(await SendingEnvironment.FetchAsync(servers, carol));
        Assert.Equal(bob.Address, received.From.Mailboxes.Single().Address);
        Assert.Equal("Relayed", received.Subject);
    }

    [Fact]
    public async Task TheLinkInTheVerificationEmail_VerifiesTheAddress_WithoutSigningIn()
    {
        var relay = await servers.CreateMailboxAsync();
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).Configure(servers, outbox.Path, relay);
        await app.StartAsync();
        var bob = await servers.CreateMailboxAsync();
        using var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());
        using var created = await client.PostAsJsonAsync("api/sender-addresses", new { address = bob.Address, route = "mailroom" });
        var id = (await created.ReadJsonAsync()).GetProperty("address").GetProperty("id").GetGuid();
        var (verification, _) = Assert.Single(await SendingEnvironment.FetchAsync(servers, bob));
        using var anonymous = app.CreateHttpClient();

        var page = await anonymous.GetStringAsync(new Uri(new Uri(verification.TextBody!.Split('\n').Single(l => l.Contains("token=", StringComparison.Ordinal)).Trim()).PathAndQuery, UriKind.Relative));
        var stillWaiting = await (await client.GetAsync($"api/sender-addresses/{id}")).ReadJsonAsync();
        using var confirmed = await anonymous.PostAsJsonAsync("api/sender-addresses/confirm", new { token = SendingEnvironment.TokenIn(verification) });
        var afterwards = await (await client.GetAsync($"api/sender-addresses/{id}")).ReadJsonAsync();

        Assert.Contains("Confirm that Mailroom may send mail as " + bob.Address, page, StringComparison.Ordinal);
        Assert.Equal("waiting-for-verification", stillWaiting.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("verified", afterwards.GetProperty("status").GetString());
        Assert.Equal("link", afterwards.GetProperty("verifiedBy").GetString());
    }

    [Fact]
    public async Task ZeroConfiguration_WritesTheVerificationEmailToTheOutbox_AndTheUiSaysSo()
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).Configure(servers, outbox.Path);
        await app.StartAsync();
        using var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());

        using var created = await client.PostAsJsonAsync("api/sender-addresses", new { address = "someone@example.test", route = "mailroom" });
        var notices = (await created.ReadJsonAsync()).GetProperty("notices").EnumerateArray().Select(n => n.GetString()).ToList();

        var mail = Assert.Single(SendingEnvironment.Outbox(outbox.Path));
        Assert.Equal("someone@example.test", mail.To.Mailboxes.Single().Address);
        Assert.Matches(@"^\d{6}$", SendingEnvironment.CodeIn(mail));
        Assert.Contains(notices, n => n!.Contains("outbox", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FiveWrongCodes_LockTheCode_AndAnExpiredCodeIsRefused()
    {
        using var outbox = new OutboxFolder();
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).Configure(servers, outbox.Path)
            .WithServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        await app.StartAsync();
        var user = TestUser.Create();
        using var client = await ApiSession.CreateSignedInClientAsync(app, user);
        using var first = await client.PostAsJsonAsync("api/sender-addresses", new { address = "locked@example.test", route = "mailroom" });
        using var second = await client.PostAsJsonAsync("api/sender-addresses", new { address = "expired@example.test", route = "mailroom" });
        var lockedId = (await first.ReadJsonAsync()).GetProperty("address").GetProperty("id").GetGuid();
        var expiredId = (await second.ReadJsonAsync()).GetProperty("address").GetProperty("id").GetGuid();
        var codes = SendingEnvironment.Outbox(outbox.Path).ToDictionary(m => m.To.Mailboxes.Single().Address, SendingEnvironment.CodeIn);
        var wrong = codes["locked@example.test"] == "000000" ? "111111" : "000000";

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var response = await client.PostAsJsonAsync($"api/sender-addresses/{lockedId}/verify", new { code = wrong });
            statuses.Add(response.StatusCode);
        }

        using var rightButLocked = await client.PostAsJsonAsync($"api/sender-addresses/{lockedId}/verify", new { code = codes["locked@example.test"] });
        clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        // The bearer token from before has expired on the fake clock too: sign in again.
        using var fresh = app.CreateHttpClient();
        fresh.DefaultRequestHeaders.Authorization = new("Bearer", await ApiSession.LoginAsync(app, user));
        using var expired = await fresh.PostAsJsonAsync($"api/sender-addresses/{expiredId}/verify", new { code = codes["expired@example.test"] });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.UnprocessableEntity, s));
        Assert.Equal("locked", (await rightButLocked.ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal("expired", (await expired.ReadJsonAsync()).GetProperty("status").GetString());
        var list = await (await fresh.GetAsync("api/sender-addresses")).ReadJsonAsync();
        Assert.All(list.EnumerateArray(), a => Assert.Equal("waiting-for-verification", a.GetProperty("status").GetString()));
    }
}
