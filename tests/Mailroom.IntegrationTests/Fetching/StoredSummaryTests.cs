using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Mailroom.Messages;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.IntegrationTests.Fetching;

/// <summary>The fetcher's own inserts (not SaveChanges) must store exactly the summary the parser gives from the whole message, column by column.</summary>
public sealed class StoredSummaryTests(TestServers servers) : IClassFixture<TestServers>
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Fetch_StoresEverySummaryColumn_AsTheFullParseOfTheRawBytesGivesIt(DatabaseKind kind)
    {
        await using var app = FetchTestApps.Create(kind, servers);
        await app.StartAsync();
        var mailbox = await servers.CreateMailboxAsync();
        var samples = await mailbox.DropSampleMessagesAsync(12);
        var mixed = await mailbox.DropMixedSizeMessagesAsync(60, seed: 9);
        var accountId = await FetchTestApps.AddAccountAsync(app, servers, mailbox);

        var run = await FetchTestApps.FetchOnceAsync(app, accountId);

        Assert.Equal(samples.Count + mixed.Count, run.NewMessages);
        var stored = await app.WithDbContextAsync(db => db.Messages.AsNoTracking().Include(m => m.Raw).Where(m => m.AccountId == accountId).ToListAsync());
        Assert.Equal(samples.Count + mixed.Count, stored.Count);
        Assert.All(stored, message =>
        {
            var raw = message.Raw!.Content;
            var expected = MessageSummaryParser.Summarize(MimeMessageLoader.TryLoad(raw), raw.LongLength, message.StoredAt);
            Assert.Equal(
                (expected.SentAt, expected.FromName, expected.FromAddress, expected.To, expected.Cc, expected.Subject, expected.Snippet,
                    expected.MessageIdHeader, expected.HasAttachments, expected.Size),
                (message.SentAt, message.FromName, message.FromAddress, message.To, message.Cc, message.Subject, message.Snippet,
                    message.MessageIdHeader, message.HasAttachments, message.Size));
            Assert.Equal((MailFolder.Inbox, false), (message.Folder, message.IsRead));
        });
        var ledger = await app.WithDbContextAsync(db => db.UidLedger.AsNoTracking().Where(e => e.AccountId == accountId).ToListAsync());
        Assert.Equal(stored.Select(m => m.Id).Order(), ledger.Select(e => e.StoredMessageId!.Value).Order());
    }
}
