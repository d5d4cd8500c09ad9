using Mailroom.Fetching;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.IntegrationTests.Fetching;

/// <summary>Four first imports at once against the real Dovecot, each wanting more than the node's whole memory budget.</summary>
public sealed class MemoryBudgetTests(TestServers servers) : IClassFixture<TestServers>
{
    private const long Budget = 1024 * 1024;
    private const int Imports = 4;
    private const int MessagesPerImport = 120;

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task SeveralLargeFirstImportsAtOnce_NeverHoldMoreThanTheBudget_StoreEverything_AndAQuietAccountIsPolledMeanwhile(DatabaseKind kind)
    {
        await using var app = FetchTestApps.Create(kind, servers, scheduler: true)
            .WithSetting("Mailroom:Fetching:MemoryBudget", Budget.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting("Mailroom:Fetching:BatchMaxBytes", "262144")
            .WithSetting("Mailroom:Fetching:BatchMaxMessages", "20")
            .WithSetting("Mailroom:Fetching:MaxSessionsPerHost", "8");
        await app.StartAsync();
        // Every mailbox is filled before any account exists, so all of them become due at once: filling one takes
        // longer than importing one on a quiet machine, and the imports would otherwise be over before the quiet account.
        var importMailboxes = new List<MailboxUser>();
        long wanted = 0;
        for (var i = 0; i < Imports; i++)
        {
            var mailbox = await servers.CreateMailboxAsync();
            var dropped = await mailbox.DropMixedSizeMessagesAsync(MessagesPerImport, seed: 7000 + i, includeLarge: false);
            wanted += dropped.Sum(m => (long)m.Raw.Length);
            importMailboxes.Add(mailbox);
        }

        var quietMailbox = await servers.CreateMailboxAsync();
        await quietMailbox.DropSampleMessagesAsync(1);
        var imports = new List<Guid>();
        foreach (var mailbox in importMailboxes)
        {
            imports.Add(await FetchTestApps.AddAccountAsync(app, servers, mailbox));
        }

        var quiet = await FetchTestApps.AddAccountAsync(app, servers, quietMailbox);

        var runs = await WaitForSuccessAsync(app, [.. imports, quiet], TimeSpan.FromSeconds(180));

        var budget = app.Services.GetRequiredService<FetchMemoryBudget>();
        Assert.True(wanted > 2 * Budget, $"The imports hold only {wanted} bytes; the test needs more than the budget to mean anything.");
        Assert.InRange(budget.PeakBytesInUse, 1, Budget);
        Assert.Equal(0, budget.BytesInUse);
        Assert.All(imports, id => Assert.Equal(MessagesPerImport, runs[id].NewMessages));
        Assert.True(runs[quiet].FinishedAt < imports.Max(id => runs[id].FinishedAt), "The quiet account waited for every import to finish.");
    }

    private static async Task<Dictionary<Guid, FetchRun>> WaitForSuccessAsync(MailroomAppFactory app, IReadOnlyList<Guid> accounts, TimeSpan timeout)
    {
        var done = await Eventually.ReachedAsync(
            () => app.WithDbContextAsync(db => db.FetchRuns.AsNoTracking()
                .Where(r => accounts.Contains(r.AccountId) && r.Outcome == FetchOutcome.Succeeded).ToListAsync()),
            runs => runs.Select(r => r.AccountId).Distinct().Count() == accounts.Count,
            timeout, $"a successful fetch of each of {accounts.Count} accounts",
            runs => $"{runs.Select(r => r.AccountId).Distinct().Count()} accounts fetched");
        return done.GroupBy(r => r.AccountId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Id).First());
    }
}
