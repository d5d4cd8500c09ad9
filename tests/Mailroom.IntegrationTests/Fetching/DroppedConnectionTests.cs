using System.Net;
using Mailroom.Accounts;
using Mailroom.Fetching;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Mailroom.Network;

namespace Mailroom.IntegrationTests.Fetching;

public sealed class DroppedConnectionTests(TestServers servers) : IClassFixture<TestServers>
{
    // Server-to-client bytes before the cut: inside the TLS handshake, around sign-in and UIDL, and at several
    // depths of the RETR stream (mid-message for the small, the 20-200 KB and the multi-megabyte messages).
    private static readonly long[] CutPoints = [700, 4_000, 12_000, 90_000, 450_000, 1_300_000, 2_600_000, 4_500_000];

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Fetch_WhenConnectionsDropAtAnyPoint_LosesNothing_StoresNothingTwice_AndTheNextPollFinishes(DatabaseKind kind)
    {
        await using var proxy = new CuttingProxy(new IPEndPoint(IPAddress.Parse(servers.GoodHost), servers.Pop3sPort));
        await using var app = FetchTestApps.Create(kind, servers, scheduler: false, proxy.Port)
            .WithSetting("Mailroom:Fetching:BatchMaxMessages", "20")
            .WithSetting("Mailroom:Fetching:BatchMaxBytes", "300000");
        await app.StartAsync();
        var mailbox = await servers.CreateMailboxAsync();
        var samples = await mailbox.DropMixedSizeMessagesAsync(150, seed: 150);
        var accountId = await FetchTestApps.AddAccountAsync(app, servers, mailbox, RetrievalPolicy.DeleteFromServer, port: proxy.Port);
        var original = samples.Select(s => s.MessageId).ToHashSet();

        var failures = 0;
        foreach (var cut in CutPoints)
        {
            proxy.CutAfterBytes = cut;
            var run = await FetchTestApps.FetchOnceAsync(app, accountId);
            if (run.Outcome == FetchOutcome.Failed)
            {
                failures++;
                Assert.Equal(MailFailureKind.Connection, run.FailureKind);
            }

            await AssertNothingLostOrDuplicatedAsync(app, accountId, mailbox, original);
        }

        Assert.True(failures >= CutPoints.Length - 1, $"Only {failures} of {CutPoints.Length} cut connections failed a fetch.");
        proxy.CutAfterBytes = long.MaxValue;
        var final = await FetchTestApps.FetchOnceAsync(app, accountId);

        Assert.Equal(FetchOutcome.Succeeded, final.Outcome);
        Assert.Empty(await mailbox.MessageIdsOnServerAsync());
        Assert.Equal(original.Order(), (await FetchTestApps.StoredMessageIdsAsync(app, accountId)).Order());
    }

    private static async Task AssertNothingLostOrDuplicatedAsync(MailroomAppFactory app, Guid accountId, MailboxUser mailbox, HashSet<string> original)
    {
        var stored = await FetchTestApps.StoredMessageIdsAsync(app, accountId);
        Assert.Equal(stored.Count, stored.Distinct().Count());
        var missing = original.Except(stored).Except(await mailbox.MessageIdsOnServerAsync()).ToList();
        Assert.Empty(missing);
    }
}
