using System.Text;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.Reading;
using Mailroom.Messages;
using Mailroom.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.IntegrationTests.Search;

/// <summary>Mail stored before search existed is indexed in the background, newest first, resumably, with progress on the page.</summary>
public sealed class SearchBackfillTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Backfill_IndexesOlderMailInBatches_ShowsProgress_AndResumes(DatabaseKind kind)
    {
        await using var app = new MailroomAppFactory(kind)
            .WithSetting("Mailroom:Search:BackfillEnabled", "false")
            .WithSetting("Mailroom:Search:BackfillBatchMessages", "2");
        await app.StartAsync();
        var user = TestUser.Create("backfill");
        using var pages = await PageSession.SignUpAsync(app, user);
        var ownerId = await MessageSeeder.UserIdAsync(app, user);
        var account = await MessageSeeder.AddAccountAsync(app, ownerId, "Old mail");
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await StoreUnindexedAsync(app, account, ownerId, i));
        }

        // As the migration leaves an existing database: everything stored so far waits for the back-fill.
        await app.WithDbContextAsync(db => db.SearchBackfill.ExecuteUpdateAsync(b => b
            .SetProperty(s => s.Below, ids.Max() + 1).SetProperty(s => s.CompletedAt, (DateTimeOffset?)null)));
        Assert.Empty(await SearchAsync(app, ownerId, "archivedword"));
        Assert.Contains("Indexing older mail: 0 %", await pages.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);

        Assert.True(await IndexNextBatchAsync(app));

        Assert.Equal([ids[4], ids[3]], (await SearchAsync(app, ownerId, "archivedword")).Select(m => m.Id));
        Assert.Contains("Indexing older mail: 40 %", await pages.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);

        // Each batch is a fresh scope, as after a restart: the mark in the database says where to go on.
        while (await IndexNextBatchAsync(app))
        {
        }

        Assert.Equal(ids.AsEnumerable().Reverse(), (await SearchAsync(app, ownerId, "archivedword")).Select(m => m.Id));
        Assert.Equal([ids[2]], (await SearchAsync(app, ownerId, "number2")).Select(m => m.Id));
        Assert.DoesNotContain("Indexing older mail", await pages.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
        Assert.NotNull(await app.WithDbContextAsync(db => db.SearchBackfill.Select(b => b.CompletedAt).SingleAsync()));
        Assert.False(await IndexNextBatchAsync(app));
    }

    /// <summary>A message stored the way the first round stored it: summary and raw bytes, no index entry.</summary>
    private static Task<long> StoreUnindexedAsync(MailroomAppFactory app, Guid account, string ownerId, int number)
    {
        var sentAt = Start.AddDays(number);
        var raw = Encoding.UTF8.GetBytes(
            $"From: Old <old@example.test>\r\nSubject: Old {number}\r\nDate: {sentAt:r}\r\nContent-Type: text/plain\r\n\r\n" +
            $"An archivedword in message number{number}.\r\n");
        return app.WithDbContextAsync(async db =>
        {
            var message = MessageSummaryParser.Parse(raw, sentAt).ToStoredMessage(account, ownerId, MailFolder.Inbox, raw, sentAt);
            db.Messages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
    }

    private static async Task<bool> IndexNextBatchAsync(MailroomAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SearchBackfiller>().IndexNextBatchAsync(default);
    }

    private static async Task<IReadOnlyList<MessageListItem>> SearchAsync(MailroomAppFactory app, string ownerId, string q)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<MessageListQuery>().ListAsync(
            new MessageListRequest(ownerId, null, Search: SearchQueryParser.Parse(q, new SearchContext(TimeZoneInfo.Utc, Start))), default);
        return page!.Items;
    }
}
