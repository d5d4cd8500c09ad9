using Mailroom.Accounts;
using Mailroom.Fetching;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.IntegrationTests.Fetching;

public sealed class FetchEndToEndTests(TestServers servers) : IClassFixture<TestServers>
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Fetch_NewAccountWith500Messages_StoresExactlyThose_Unread_ByteExact_ThenOnlyWhatIsNew(DatabaseKind kind)
    {
        await using var app = FetchTestApps.Create(kind, servers);
        await app.StartAsync();
        var mailbox = await servers.CreateMailboxAsync();
        var samples = await mailbox.DropMixedSizeMessagesAsync(500, seed: 500);
        var accountId = await FetchTestApps.AddAccountAsync(app, servers, mailbox);

        var first = await FetchTestApps.FetchOnceAsync(app, accountId);

        Assert.Equal(FetchOutcome.Succeeded, first.Outcome);
        Assert.Equal(500, first.NewMessages);
        var stored = await app.WithDbContextAsync(db => db.Messages.AsNoTracking().Include(m => m.Raw)
            .Where(m => m.AccountId == accountId).OrderBy(m => m.SentAt).ThenBy(m => m.Id).ToListAsync());
        Assert.Equal(samples.OrderBy(s => s.Date).Select(s => s.MessageId), stored.Select(m => m.MessageIdHeader));
        Assert.All(stored, m => Assert.False(m.IsRead));
        var byId = samples.ToDictionary(s => s.MessageId);
        Assert.All(stored, m => Assert.Equal(byId[m.MessageIdHeader!].Raw, m.Raw!.Content));
        Assert.Equal(500, mailbox.CountServerMessages());

        var second = await FetchTestApps.FetchOnceAsync(app, accountId);
        Assert.Equal((FetchOutcome.Succeeded, 0), (second.Outcome, second.NewMessages));

        var later = await mailbox.DropMixedSizeMessagesAsync(10, seed: 510);
        var third = await FetchTestApps.FetchOnceAsync(app, accountId);

        Assert.Equal(10, third.NewMessages);
        var ids = await FetchTestApps.StoredMessageIdsAsync(app, accountId);
        Assert.Equal(samples.Concat(later).Select(s => s.MessageId).Order(), ids.Order());
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Fetch_DeleteAfterRetrieval_EmptiesTheServer_AndStoresEveryMessage(DatabaseKind kind)
    {
        await using var app = FetchTestApps.Create(kind, servers);
        await app.StartAsync();
        var mailbox = await servers.CreateMailboxAsync();
        var samples = await mailbox.DropMixedSizeMessagesAsync(300, seed: 300);
        var accountId = await FetchTestApps.AddAccountAsync(app, servers, mailbox, RetrievalPolicy.DeleteFromServer);

        var run = await FetchTestApps.FetchOnceAsync(app, accountId);

        Assert.Equal((FetchOutcome.Succeeded, 300, 300), (run.Outcome, run.NewMessages, run.DeletedFromServer));
        Assert.Empty(await mailbox.MessageIdsOnServerAsync());
        Assert.Equal(samples.Select(s => s.MessageId).Order(), (await FetchTestApps.StoredMessageIdsAsync(app, accountId)).Order());
        var marked = await app.WithDbContextAsync(db => db.UidLedger.CountAsync(e => e.AccountId == accountId && e.DeletedFromServerAt != null));
        Assert.Equal(300, marked);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Fetch_DeleteAfterDays_KeepsMessagesUntilTheyAreThatOld_ThenDeletesThem(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));
        // The app's periodic workers all run on this clock; each wakes once per jump of days (PeriodicWork).
        await using var app = FetchTestApps.Create(kind, servers).WithServices(services => services.AddSingleton<TimeProvider>(time));
        await app.StartAsync();
        var mailbox = await servers.CreateMailboxAsync();
        await mailbox.DropMixedSizeMessagesAsync(20, seed: 20, includeLarge: false);
        var accountId = await FetchTestApps.AddAccountAsync(app, servers, mailbox, RetrievalPolicy.DeleteAfterDays, deleteAfterDays: 7);
        await FetchTestApps.FetchOnceAsync(app, accountId);

        time.Advance(TimeSpan.FromDays(3));
        var late = await mailbox.DropMixedSizeMessagesAsync(5, seed: 25, includeLarge: false);
        await FetchTestApps.FetchOnceAsync(app, accountId);

        time.Advance(TimeSpan.FromDays(4) - TimeSpan.FromMinutes(1));
        var almost = await FetchTestApps.FetchOnceAsync(app, accountId);
        Assert.Equal(0, almost.DeletedFromServer);
        Assert.Equal(25, mailbox.CountServerMessages());

        time.Advance(TimeSpan.FromMinutes(1));
        var due = await FetchTestApps.FetchOnceAsync(app, accountId);
        Assert.Equal(20, due.DeletedFromServer);
        Assert.Equal(late.Select(s => s.MessageId).Order(), (await mailbox.MessageIdsOnServerAsync()).Order());

        time.Advance(TimeSpan.FromDays(3));
        await FetchTestApps.FetchOnceAsync(app, accountId);
        Assert.Empty(await mailbox.MessageIdsOnServerAsync());
        Assert.Equal(25, (await FetchTestApps.StoredMessageIdsAsync(app, accountId)).Count);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Fetch_MessageOverTheSizeLimit_IsLeftOnTheServerWithAVisibleNote(DatabaseKind kind)
    {
        await using var app = FetchTestApps.Create(kind, servers).WithSetting("Mailroom:Fetching:MaxMessageSize", "100000");
        await app.StartAsync();
        var mailbox = await servers.CreateMailboxAsync();
        var samples = await mailbox.DropMixedSizeMessagesAsync(60, seed: 60);
        var accountId = await FetchTestApps.AddAccountAsync(app, servers, mailbox, RetrievalPolicy.DeleteFromServer);
        var large = samples.Count(s => s.Raw.Length > 100_000);
        Assert.InRange(large, 1, 59);

        var run = await FetchTestApps.FetchOnceAsync(app, accountId);

        Assert.Equal((60 - large, large), (run.NewMessages, run.SkippedMessages));
        Assert.Equal(large, mailbox.CountServerMessages());
        await using var scope = app.Services.CreateAsyncScope();
        var skipped = await scope.ServiceProvider.GetRequiredService<FetchStatusReader>().GetSkippedAsync(accountId, 100, default);
        Assert.Equal(large, skipped.Count);
        Assert.All(skipped, s => Assert.Contains("size limit", s.SkippedReason, StringComparison.Ordinal));
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Fetch_EmptyAndGarbageMessages_AreStoredByteExact_WithoutFailingTheFetch(DatabaseKind kind)
    {
        await using var app = FetchTestApps.Create(kind, servers);
        await app.StartAsync();
        var mailbox = await servers.CreateMailboxAsync();
        // Binary garbage, but without bare CR/LF: Dovecot (like most servers) sends line ends as CRLF whatever the file holds.
        var garbage = new byte[3000];
        new Random(3).NextBytes(garbage);
        garbage = [.. garbage.Select(b => b is (byte)'\r' or (byte)'\n' ? (byte)'x' : b), (byte)'\r', (byte)'\n'];
        byte[][] odd = [[], garbage, "no headers at all, just text\r\n"u8.ToArray()];
        await mailbox.DropMessagesAsync(odd);
        var accountId = await FetchTestApps.AddAccountAsync(app, servers, mailbox);

        var run = await FetchTestApps.FetchOnceAsync(app, accountId);

        Assert.Equal((FetchOutcome.Succeeded, 3), (run.Outcome, run.NewMessages));
        var raw = await app.WithDbContextAsync(db => db.RawMessages.AsNoTracking().Select(r => r.Content).ToListAsync());
        // Dovecot serves an empty file as one empty line; that line is what the server sent, so it is what is kept.
        byte[][] served = ["\r\n"u8.ToArray(), odd[1], odd[2]];
        Assert.Equal(served.Select(Convert.ToBase64String).Order(), raw.Select(Convert.ToBase64String).Order());
    }
}
