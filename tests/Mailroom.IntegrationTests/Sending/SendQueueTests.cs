using System.Net;
using System.Net.Http.Json;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Mailroom.Sending.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.IntegrationTests.Sending;

/// <summary>
/// Undo send and scheduled send through the durable send queue, against the real Postfix and Dovecot: what is undone
/// never reaches Postfix, and what is scheduled goes at its time and not before.
/// </summary>
public sealed class SendQueueTests(TestServers servers) : IClassFixture<TestServers>
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Undo_WithinTheDelay_MeansNothingReachesPostfix_WhileTheMessageNotUndoneIsDelivered(DatabaseKind database)
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(database).Configure(servers, outbox.Path)
            .WithSetting("Mailroom:Sending:UndoDelay", "00:00:03")
            .WithSetting("Mailroom:Sending:QueueInterval", "00:00:00.200");
        await app.StartAsync();
        var alice = await servers.CreateMailboxAsync();
        var carol = await servers.CreateMailboxAsync();
        var (client, addressId) = await SignedInSenderAsync(app, alice);

        var undone = await SendQueueApi.QueueAsync(client, addressId, carol, "Wrong attachment", holdForUndo: true);
        using var undo = await client.PostAsync(new Uri($"api/outbox/{undone.Id}/undo", UriKind.Relative), null);
        var undoJson = await undo.ReadJsonAsync();
        Assert.True(undo.StatusCode == HttpStatusCode.OK, undoJson.ToString());
        Assert.Equal("cancelled", undoJson.GetProperty("state").GetString());

        // The control: queued after the undone one, so once it has arrived the undone one's time has long passed.
        var kept = await SendQueueApi.QueueAsync(client, addressId, carol, "Right attachment", holdForUndo: true);
        var (received, _) = Assert.Single(await SendingEnvironment.FetchAsync(servers, carol));
        Assert.Equal(kept.MessageId, received.MessageId);
        await SendQueueApi.WaitForMaillogAsync(servers, kept.MessageId);
        Assert.DoesNotContain(undone.MessageId, await File.ReadAllTextAsync(servers.PostfixLogPath), StringComparison.Ordinal);
        Assert.Equal("cancelled", (await SendQueueApi.OutboxItemAsync(client, undone.Id)).GetProperty("state").GetString());
        Assert.Equal("sent", (await SendQueueApi.OutboxItemAsync(client, kept.Id)).GetProperty("state").GetString());

        using var tooLate = await client.PostAsync(new Uri($"api/outbox/{kept.Id}/undo", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        Assert.Equal(1, carol.CountServerMessages());
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task ScheduledSend_WithAFakeClock_GoesAtItsTime_AndNotBefore_AndIsInvisibleToOtherUsers(DatabaseKind database)
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(database).Configure(servers, outbox.Path)
            .WithServices(services => services.AddSingleton<TimeProvider>(time));
        await app.StartAsync();
        var alice = await servers.CreateMailboxAsync();
        var carol = await servers.CreateMailboxAsync();
        var (client, addressId) = await SignedInSenderAsync(app, alice);
        using var stranger = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("stranger"));
        var worker = app.Services.GetRequiredService<SendQueueWorker>();

        var scheduled = await SendQueueApi.QueueAsync(client, addressId, carol, "Monday's agenda", sendAt: time.GetUtcNow().AddMinutes(30));

        using (var peek = await stranger.GetAsync(new Uri($"api/outbox/{scheduled.Id}", UriKind.Relative)))
        using (var undo = await stranger.PostAsync(new Uri($"api/outbox/{scheduled.Id}/undo", UriKind.Relative), null))
        using (var list = await stranger.GetAsync(new Uri("api/outbox", UriKind.Relative)))
        {
            Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (peek.StatusCode, undo.StatusCode));
            Assert.Empty((await list.ReadJsonAsync()).EnumerateArray());
        }

        Assert.Equal(scheduled.Id, Assert.Single((await (await client.GetAsync(new Uri("api/outbox", UriKind.Relative))).ReadJsonAsync()).EnumerateArray()).GetProperty("id").GetGuid());

        time.Advance(TimeSpan.FromMinutes(29));
        await worker.SendDueAsync(CancellationToken.None);
        Assert.Equal("waiting", (await SendQueueApi.OutboxItemAsync(client, scheduled.Id)).GetProperty("state").GetString());
        Assert.Equal(0, carol.CountServerMessages());

        time.Advance(TimeSpan.FromMinutes(1));
        await worker.SendDueAsync(CancellationToken.None);
        // The advance also wakes the app's own queue worker, which may have claimed the message first and still be sending it.
        Assert.Equal("sent", await SettledStateAsync(client, scheduled.Id));
        var (received, _) = Assert.Single(await SendingEnvironment.FetchAsync(servers, carol));
        Assert.Equal(scheduled.MessageId, received.MessageId);

        // Dated when it went, not when it was written.
        Assert.InRange(received.Date, time.GetUtcNow().AddSeconds(-1), time.GetUtcNow().AddSeconds(1));
    }

    private static Task<string?> SettledStateAsync(HttpClient client, Guid id) => Eventually.ReachedAsync(
        async () => (await SendQueueApi.OutboxItemAsync(client, id)).GetProperty("state").GetString(),
        state => state != "sending",
        TimeSpan.FromSeconds(30), $"queued message {id} to leave the state sending");

    [Fact]
    public async Task SendAt_InThePast_IsRefusedWithAReason_AndNothingIsQueued()
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).Configure(servers, outbox.Path);
        await app.StartAsync();
        var alice = await servers.CreateMailboxAsync();
        var (client, addressId) = await SignedInSenderAsync(app, alice);

        using var response = await client.PostAsJsonAsync("api/send", new { fromAddressId = addressId, to = alice.Address, subject = "Late", body = "x", sendAt = TimeProvider.System.GetUtcNow().AddMinutes(-5) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("future", (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("sendAt")[0].GetString(), StringComparison.Ordinal);
        using var list = await client.GetAsync(new Uri("api/outbox", UriKind.Relative));
        Assert.Empty((await list.ReadJsonAsync()).EnumerateArray());
    }

    private async Task<(HttpClient Client, Guid AddressId)> SignedInSenderAsync(MailroomAppFactory app, MailboxUser sender)
    {
        var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());
        return (client, await SendQueueApi.AddOwnServerAddressAsync(client, servers, sender));
    }
}
