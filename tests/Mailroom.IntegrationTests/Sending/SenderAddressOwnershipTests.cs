using System.Net;
using System.Net.Http.Json;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;

namespace Mailroom.IntegrationTests.Sending;

/// <summary>Another user cannot see, verify, resend for, change, remove or send from this user's address: always 404, like a missing one.</summary>
public sealed class SenderAddressOwnershipTests(TestServers servers) : IClassFixture<TestServers>
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task AnotherUser_CannotVerifyUseOrSeeTheAddress(DatabaseKind database)
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(database).Configure(servers, outbox.Path);
        await app.StartAsync();
        var alice = await servers.CreateMailboxAsync();
        using var owner = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("owner"));
        using var other = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("other"));
        using var signedIn = await owner.PostAsJsonAsync("api/sender-addresses", SendingEnvironment.OwnServer(servers, alice));
        using var pending = await owner.PostAsJsonAsync("api/sender-addresses", new { address = "pending@example.test", route = "mailroom" });
        var verifiedId = (await signedIn.ReadJsonAsync()).GetProperty("address").GetProperty("id").GetGuid();
        var pendingId = (await pending.ReadJsonAsync()).GetProperty("address").GetProperty("id").GetGuid();
        var code = SendingEnvironment.CodeIn(Assert.Single(SendingEnvironment.Outbox(outbox.Path)));

        var list = await (await other.GetAsync("api/sender-addresses")).ReadJsonAsync();
        using var get = await other.GetAsync($"api/sender-addresses/{verifiedId}");
        using var verify = await other.PostAsJsonAsync($"api/sender-addresses/{pendingId}/verify", new { code });
        using var resend = await other.PostAsJsonAsync($"api/sender-addresses/{pendingId}/resend", new { });
        using var update = await other.PutAsJsonAsync($"api/sender-addresses/{pendingId}", new { address = "pending@example.test", route = "mailroom" });
        using var send = await other.PostAsJsonAsync("api/send", new { fromAddressId = verifiedId, to = alice.Address, subject = "Spoof", body = "x" });
        using var delete = await other.DeleteAsync(new Uri($"api/sender-addresses/{verifiedId}", UriKind.Relative));

        Assert.Equal(0, list.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, verify.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, resend.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, send.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(0, alice.CountServerMessages());

        var ownersView = await (await owner.GetAsync("api/sender-addresses")).ReadJsonAsync();
        Assert.Equal(2, ownersView.GetArrayLength());
        Assert.Contains(ownersView.EnumerateArray(), a => a.GetProperty("id").GetGuid() == pendingId && a.GetProperty("status").GetString() == "waiting-for-verification");
        Assert.Single(SendingEnvironment.Outbox(outbox.Path));
    }

    [Fact]
    public async Task AnotherUser_GetsNotFound_FromTheEditPage()
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).Configure(servers, outbox.Path);
        await app.StartAsync();
        using var owner = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("owner"));
        using var other = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("other"));
        using var pending = await owner.PostAsJsonAsync("api/sender-addresses", new { address = "pending@example.test", route = "mailroom" });
        var id = (await pending.ReadJsonAsync()).GetProperty("address").GetProperty("id").GetGuid();

        using var ownersPage = await owner.GetAsync($"settings/mail/send-as/{id}/edit");
        using var othersPage = await other.GetAsync($"settings/mail/send-as/{id}/edit");

        Assert.Equal(HttpStatusCode.OK, ownersPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersPage.StatusCode);
    }
}
