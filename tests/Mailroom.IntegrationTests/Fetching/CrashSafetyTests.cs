using System.Globalization;
using Mailroom.Accounts;
using Mailroom.Fetching;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Mailroom.IntegrationTests.Fetching;

/// <summary>
/// The app as a real process, killed with SIGKILL at random moments while it fetches a 2,000-message mailbox with
/// delete-after-retrieval on, then restarted. MAILROOM_CRASH_ROUNDS sets the number of kills: 20 by default, 10 under
/// CI (about a minute; bench/crash.sh runs the full count).
/// </summary>
public sealed class CrashSafetyTests(TestServers servers, ITestOutputHelper output) : IClassFixture<TestServers>
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Fetch_KilledWithSigkillAtRandomMoments_LosesNothing_AndStoresNothingTwice()
    {
        using var workingDirectory = new TemporaryFolder("mailroom-crash-");
        await KillRepeatedlyAsync(workingDirectory.Path);
    }

    private async Task KillRepeatedlyAsync(string workingDirectory)
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("MAILROOM_CRASH_ROUNDS"), CultureInfo.InvariantCulture, out var configured)
            ? configured
            : Environment.GetEnvironmentVariable("CI") == "true" ? 10 : 20;
        var seed = Environment.TickCount;
        var random = new Random(seed);
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var nodes = new FetchingNodes(database, servers, workingDirectory);
        var mailbox = await servers.CreateMailboxAsync();
        var samples = await mailbox.DropMixedSizeMessagesAsync(2000, seed: 2000, includeLarge: false);
        var original = samples.Select(s => s.MessageId).ToHashSet();

        // A first, clean start creates the schema and the shared key ring the account's password is encrypted with.
        await using (var setup = nodes.Start("setup", Lease))
        {
            await setup.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
            await setup.StopAsync(TimeSpan.FromSeconds(30));
        }

        var accountId = await nodes.AddAccountAsync(mailbox, RetrievalPolicy.DeleteFromServer);
        var kills = 0;
        for (var round = 1; round <= rounds; round++)
        {
            var node = $"crash-{round}";
            var app = nodes.Start(node, Lease);
            try
            {
                await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
                await WaitForRunAsync(nodes, accountId, node, TimeSpan.FromSeconds(3 * Lease.TotalSeconds + 5));
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 2500)));
            }
            finally
            {
                // SIGKILL: no shutdown hook, no QUIT, no lease release.
                await app.DisposeAsync();
            }

            kills++;
            var (stored, duplicates, lost) = await CountAsync(nodes, accountId, mailbox, original);
            var runs = await nodes.QueryAsync(db => db.FetchRuns.AsNoTracking().Where(r => r.AccountId == accountId).OrderBy(r => r.Id).ToListAsync());
            output.WriteLine($"kill {round}: stored {stored}, on server {mailbox.CountServerMessages()}, lost {lost}, duplicates {duplicates}; " +
                string.Join(", ", runs.TakeLast(2).Select(r => $"{r.Node} {r.Outcome} {r.FailureKind} {r.FailureMessage}")));
            Assert.Equal((0, 0), (lost, duplicates));
        }

        // Fetch now for the final node: the killed runs may have finished the job already, leaving the next poll an hour away.
        await nodes.QueryAsync(db => db.AccountFetchStates.ExecuteUpdateAsync(s => s.SetProperty(x => x.NextFetchAt, TimeProvider.System.GetUtcNow())));
        await using (var last = nodes.Start("final", Lease))
        {
            await last.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
            await WaitForSuccessAsync(nodes, accountId, "final", TimeSpan.FromSeconds(120));
            await last.StopAsync(TimeSpan.FromSeconds(30));
        }

        var final = await CountAsync(nodes, accountId, mailbox, original);
        var summary = $"Crash safety: {kills} kills (seed {seed}), {original.Count} messages: {final.Stored} stored, " +
            $"{mailbox.CountServerMessages()} on server, {final.Lost} lost, {final.Duplicates} duplicates";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.Equal((original.Count, 0, 0), (final.Stored, final.Lost, final.Duplicates));
        Assert.Empty(await mailbox.MessageIdsOnServerAsync());
    }

    private static async Task<(int Stored, int Duplicates, int Lost)> CountAsync(FetchingNodes nodes, Guid accountId, MailboxUser mailbox, HashSet<string> original)
    {
        var stored = await nodes.QueryAsync(db => db.Messages.AsNoTracking().Where(m => m.AccountId == accountId).Select(m => m.MessageIdHeader ?? "").ToListAsync());
        var onServer = await mailbox.MessageIdsOnServerAsync();
        var lost = original.Count(id => !stored.Contains(id) && !onServer.Contains(id));
        return (stored.Count, stored.Count - stored.Distinct().Count(), lost);
    }

    private static async Task WaitForRunAsync(FetchingNodes nodes, Guid accountId, string node, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime + timeout;
        while (TimeProvider.System.GetUtcNow().UtcDateTime < deadline && !await nodes.QueryAsync(db => db.FetchRuns.AnyAsync(r => r.AccountId == accountId && r.Node == node)))
        {
            await Task.Delay(50);
        }
    }

    private static async Task WaitForSuccessAsync(FetchingNodes nodes, Guid accountId, string node, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime + timeout;
        while (!await nodes.QueryAsync(db => db.FetchRuns.AnyAsync(r => r.AccountId == accountId && r.Node == node && r.Outcome == FetchOutcome.Succeeded)))
        {
            Assert.True(TimeProvider.System.GetUtcNow().UtcDateTime < deadline, $"No successful fetch by {node} within {timeout}.");
            await Task.Delay(100);
        }
    }
}
