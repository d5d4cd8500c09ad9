using Mailroom.Accounts;
using Mailroom.Fetching;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Mailroom.IntegrationTests.Fetching;

/// <summary>
/// Three app processes on one PostgreSQL database keep 45 accounts on a 15-second interval: the third starts late and
/// still gets its third, no account is ever fetched by two nodes at once (from the runs' start and end times), and
/// when one node is killed with SIGKILL the others take its accounts over within one lease period.
/// </summary>
public sealed class ThreeNodeTests(TestServers servers, ITestOutputHelper output) : IClassFixture<TestServers>
{
    private const int Accounts = 45;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(6);

    // About 360 polls: with a fair split, ±20 % of a third is nearly three standard deviations of the binomial spread.
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(120);

    // How late a takeover may start after the dead node's lease expired: a claim round (ClaimInterval, 1 s) plus a loaded machine's slack.
    private static readonly TimeSpan TakeoverSlack = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task ThreeNodes_SplitTheAccountsEvenly_ALateNodeGetsItsShare_NoOverlap_AndAKilledNodesAccountsAreTakenOverWithinALease()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("mailroom-three-").FullName;
        try
        {
            await RunAsync(workingDirectory);
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
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

        for (var i = 0; i < Accounts; i++)
        {
            var mailbox = await servers.CreateMailboxAsync();
            await mailbox.DropSampleMessagesAsync(1);
            await nodes.AddAccountAsync(mailbox, RetrievalPolicy.KeepOnServer);
        }

        await using var nodeA = Start(nodes, "node-a");
        await using var nodeB = Start(nodes, "node-b");
        await Task.WhenAll(nodeA.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60)), nodeB.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60)));
        await WaitForRoundAsync(nodes, TimeSpan.FromSeconds(120));

        // The late node: from one interval after it is up (every account has come due once since), it must carry a third.
        await using var nodeC = Start(nodes, "node-c");
        await nodeC.WaitUntilHealthyAsync(TimeSpan.FromSeconds(180));
        var from = TimeProvider.System.GetUtcNow() + Interval;
        await Task.Delay(Interval + Window);
        var to = TimeProvider.System.GetUtcNow();

        var runs = await RunsAsync(nodes);
        var inWindow = runs.Where(r => r.StartedAt >= from && r.StartedAt < to).ToList();
        var split = inWindow.GroupBy(r => r.Node).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{inWindow.Count} polls in {Window.TotalSeconds} s: {string.Join(", ", split.Select(s => $"{s.Key} {s.Value}"))}");
        Assert.Equal(["node-a", "node-b", "node-c"], split.Keys.Order());
        Assert.All(split.Values, count => Assert.InRange(count, inWindow.Count / 3.0 * 0.8, inWindow.Count / 3.0 * 1.2));
        Assert.All(inWindow, r => Assert.Equal(FetchOutcome.Succeeded, r.Outcome));

        await KillAndTakeOverAsync(nodes, nodeB);
        AssertNoAccountFetchedTwiceAtOnce(await RunsAsync(nodes));
    }

    private async Task KillAndTakeOverAsync(FetchingNodes nodes, AppProcess victim)
    {
        // Kill it in the middle of a fetch, so that it dies holding a lease nobody releases.
        var waitUntil = TimeProvider.System.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(30);
        while (!await nodes.QueryAsync(db => db.AccountFetchStates.AnyAsync(s => s.LeaseHolder == "node-b" && s.RunStartedAt != null)))
        {
            Assert.True(TimeProvider.System.GetUtcNow().UtcDateTime < waitUntil, "node-b started no fetch within 30 s.");
            await Task.Delay(10);
        }

        await victim.KillAsync();
        var killedAt = TimeProvider.System.GetUtcNow();
        var held = await nodes.QueryAsync(db => db.AccountFetchStates.AsNoTracking()
            .Where(s => s.LeaseHolder == "node-b").ToDictionaryAsync(s => s.AccountId, s => s.LeaseExpiresAt!.Value));
        output.WriteLine($"Killed node-b holding {held.Count} leases");

        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime + Lease + TimeSpan.FromSeconds(30);
        List<FetchRun> takeovers;
        do
        {
            await Task.Delay(200);
            var ids = held.Keys.ToList();
            takeovers = await nodes.QueryAsync(db => db.FetchRuns.AsNoTracking()
                .Where(r => ids.Contains(r.AccountId) && r.Node != "node-b" && r.StartedAt >= killedAt.AddSeconds(-1)).ToListAsync());
        }
        while (takeovers.Select(r => r.AccountId).Distinct().Count() < held.Count && TimeProvider.System.GetUtcNow().UtcDateTime < deadline);

        foreach (var (accountId, expiry) in held)
        {
            var first = takeovers.Where(r => r.AccountId == accountId).MinBy(r => r.StartedAt);
            Assert.NotNull(first);
            output.WriteLine($"{accountId}: lease expired {expiry:O}, {first.Node} took over at {first.StartedAt:O}");
            Assert.InRange(first.StartedAt, expiry, expiry + TakeoverSlack);
        }
    }

    // The default claim interval: nodes take turns at newly due accounts on jittered rounds, and a round's own duration
    // (longer on a node still warming up) must stay small beside the wait, or the faster nodes win more than their third.
    private static AppProcess Start(FetchingNodes nodes, string name) => nodes.Start(name, Lease, Interval, maxSessionsPerHost: 16, claimInterval: TimeSpan.FromSeconds(1));

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

    private static Task<List<FetchRun>> RunsAsync(FetchingNodes nodes) => nodes.QueryAsync(db => db.FetchRuns.AsNoTracking().ToListAsync());

    private static async Task WaitForRoundAsync(FetchingNodes nodes, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime + timeout;
        while (await nodes.QueryAsync(db => db.Pop3Accounts.CountAsync(a => !db.FetchRuns.Any(r => r.AccountId == a.Id && r.Outcome == FetchOutcome.Succeeded))) > 0)
        {
            Assert.True(TimeProvider.System.GetUtcNow().UtcDateTime < deadline, $"Not every account was fetched within {timeout}.");
            await Task.Delay(200);
        }
    }
}
