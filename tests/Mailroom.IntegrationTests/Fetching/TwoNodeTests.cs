using Mailroom.Accounts;
using Mailroom.Fetching;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Mailroom.IntegrationTests.Fetching;

/// <summary>Two app processes on one PostgreSQL database share 50 accounts; one is killed and the other takes its accounts over.</summary>
public sealed class TwoNodeTests(TestServers servers, ITestOutputHelper output) : IClassFixture<TestServers>
{
    private const int Accounts = 50;
    private const int MessagesPerAccount = 30;
    // Long enough that a loaded two-core machine renews in time; a takeover waits this long.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task TwoNodes_FetchEveryAccount_NeverTheSameOneAtOnce_AndTakeOverADeadNodesAccountsAfterItsLeaseExpires()
    {
        using var workingDirectory = new TemporaryFolder("mailroom-nodes-");
        await RunAsync(workingDirectory.Path);
    }

    private async Task RunAsync(string workingDirectory)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        await using var nodes = new FetchingNodes(database, servers, workingDirectory);
        await using (var setup = nodes.Start("setup", Lease))
        {
            await setup.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
            await setup.StopAsync(TimeSpan.FromSeconds(30));
        }

        var mailboxes = new Dictionary<Guid, MailboxUser>();
        for (var i = 0; i < Accounts; i++)
        {
            var mailbox = await servers.CreateMailboxAsync();
            await mailbox.DropMixedSizeMessagesAsync(MessagesPerAccount, seed: i, includeLarge: false);
            mailboxes[await nodes.AddAccountAsync(mailbox, RetrievalPolicy.KeepOnServer)] = mailbox;
        }

        var nodeA = nodes.Start("node-a", Lease);
        try
        {
            await using var nodeB = nodes.Start("node-b", Lease);
            await ShareAndTakeOverAsync(nodes, mailboxes, nodeA, nodeB);
        }
        finally
        {
            // Disposing kills (SIGKILL) the process if it still runs; a no-op once the test has killed it.
            await nodeA.DisposeAsync();
        }
    }

    private async Task ShareAndTakeOverAsync(FetchingNodes nodes, Dictionary<Guid, MailboxUser> mailboxes, AppProcess nodeA, AppProcess nodeB)
    {
        await Task.WhenAll(nodeA.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60)), nodeB.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60)));
        await WaitForSuccessfulRunsAsync(nodes, 1, TimeSpan.FromSeconds(120));

        var firstRound = await RunsAsync(nodes);
        var byNode = firstRound.GroupBy(r => r.Node).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"First round: {string.Join(", ", byNode.Select(n => $"{n.Key} {n.Value} runs"))}");
        Assert.Equal(["node-a", "node-b"], byNode.Keys.Order());
        AssertNoAccountFetchedTwiceAtOnce(firstRound);
        await AssertStoredAsync(nodes, MessagesPerAccount);

        // Second round: new mail everywhere, all due at once; node A dies while it holds leases.
        foreach (var mailbox in mailboxes.Values)
        {
            await mailbox.DropMixedSizeMessagesAsync(2 * MessagesPerAccount, seed: 1000 + mailboxes.Count, includeLarge: false);
        }

        await nodes.QueryAsync(db => db.AccountFetchStates.ExecuteUpdateAsync(s => s.SetProperty(x => x.NextFetchAt, TimeProvider.System.GetUtcNow())));
        await WaitForLeasesAsync(nodes, "node-a", TimeSpan.FromSeconds(30));
        await nodeA.KillAsync();
        var killedAt = TimeProvider.System.GetUtcNow();

        // Whatever node A still held when it died: nobody releases these leases, they can only expire.
        var orphaned = await nodes.QueryAsync(db => db.AccountFetchStates.AsNoTracking()
            .Where(s => s.LeaseHolder == "node-a").ToDictionaryAsync(s => s.AccountId, s => (Expiry: s.LeaseExpiresAt!.Value, Running: s.RunStartedAt != null)));
        var heldByA = orphaned.Keys.ToList();
        var expiries = orphaned.ToDictionary(o => o.Key, o => o.Value.Expiry);
        output.WriteLine($"Killed node-a holding {heldByA.Count} leases");
        Assert.NotEmpty(heldByA);

        await WaitForSuccessfulRunsAsync(nodes, 2, TimeSpan.FromSeconds(120));
        var allRuns = await RunsAsync(nodes);
        AssertNoAccountFetchedTwiceAtOnce(allRuns);
        foreach (var accountId in heldByA)
        {
            var runs = allRuns.Where(r => r.AccountId == accountId).ToList();
            if (orphaned[accountId].Running)
            {
                // A lease claimed a moment before the kill may not have started its run yet; only a started run is left behind.
                Assert.Contains(runs, r => r.Node == "node-a" && r.Outcome == FetchOutcome.Interrupted);
            }

            var takeover = runs.Single(r => r.Node == "node-b" && r.StartedAt > killedAt.AddSeconds(-1) && r.Outcome == FetchOutcome.Succeeded);
            Assert.True(takeover.StartedAt >= expiries[accountId], $"node-b started {takeover.StartedAt:O}, before node-a's lease expired at {expiries[accountId]:O}.");
        }

        await AssertStoredAsync(nodes, 3 * MessagesPerAccount);
    }

    private static void AssertNoAccountFetchedTwiceAtOnce(IReadOnlyList<FetchRun> runs)
    {
        foreach (var account in runs.GroupBy(r => r.AccountId))
        {
            var ordered = account.OrderBy(r => r.StartedAt).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var previous = ordered[i - 1];
                Assert.True(previous.FinishedAt is { } end && end <= ordered[i].StartedAt,
                    $"Account {account.Key}: {previous.Node} ran {previous.StartedAt:O}–{previous.FinishedAt:O}, {ordered[i].Node} started {ordered[i].StartedAt:O}.");
            }
        }
    }

    private static async Task AssertStoredAsync(FetchingNodes nodes, int perAccount)
    {
        var counts = await nodes.QueryAsync(db => db.Messages.GroupBy(m => m.AccountId)
            .Select(g => new { Total = g.Count(), Distinct = g.Select(m => m.MessageIdHeader).Distinct().Count() }).ToListAsync());
        Assert.Equal(Accounts, counts.Count);
        Assert.All(counts, c => Assert.Equal((perAccount, perAccount), (c.Total, c.Distinct)));
    }

    private static Task<List<FetchRun>> RunsAsync(FetchingNodes nodes) =>
        nodes.QueryAsync(db => db.FetchRuns.AsNoTracking().ToListAsync());

    private static async Task WaitForSuccessfulRunsAsync(FetchingNodes nodes, int perAccount, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime + timeout;
        while (await nodes.QueryAsync(db => db.Pop3Accounts.CountAsync(a => db.FetchRuns.Count(r => r.AccountId == a.Id && r.Outcome == FetchOutcome.Succeeded) < perAccount)) > 0)
        {
            Assert.True(TimeProvider.System.GetUtcNow().UtcDateTime < deadline, $"Not every account had {perAccount} successful fetches within {timeout}.");
            await Task.Delay(200);
        }
    }

    private static async Task WaitForLeasesAsync(FetchingNodes nodes, string node, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime + timeout;
        while (true)
        {
            var held = await nodes.QueryAsync(db => db.AccountFetchStates.Where(s => s.LeaseHolder == node && s.RunStartedAt != null).Select(s => s.AccountId).ToListAsync());
            if (held.Count > 0)
            {
                return;
            }

            Assert.True(TimeProvider.System.GetUtcNow().UtcDateTime < deadline, $"{node} held no lease within {timeout}.");
            await Task.Delay(20);
        }
    }
}
