using Mailroom.Fetching;
using Mailroom.IntegrationTests.Fetching;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Mailroom.Messages;
using Mailroom.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.IntegrationTests.Search;

/// <summary>The fetch engine indexes each batch in its own transaction: a message is found as soon as it is listed.</summary>
public sealed class SearchAfterFetchTests(TestServers servers) : IClassFixture<TestServers>
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Fetch_MessageIsSearchableAsSoonAsItIsListed(DatabaseKind kind)
    {
        await using var app = FetchTestApps.Create(kind, servers);
        await app.StartAsync();
        var mailbox = await servers.CreateMailboxAsync();
        await mailbox.DropSampleMessagesAsync(30);
        await mailbox.DropMessagesAsync([SearchMail.Text("Ann <ann@example.test>", "Hello", TimeProvider.System.GetUtcNow(),
            "The secret word for search testing is pineapplequokka.")]);
        var accountId = await FetchTestApps.AddAccountAsync(app, servers, mailbox);

        var run = await FetchTestApps.FetchOnceAsync(app, accountId);

        Assert.Equal((FetchOutcome.Succeeded, 31), (run.Outcome, run.NewMessages));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Mailroom.Data.MailroomDbContext>();
        var ownerId = await db.Pop3Accounts.Where(a => a.Id == accountId).Select(a => a.OwnerId).SingleAsync();
        var list = scope.ServiceProvider.GetRequiredService<MessageListQuery>();
        var listed = await list.ListAsync(new MessageListRequest(ownerId, accountId), default);
        var found = await list.ListAsync(new MessageListRequest(ownerId, accountId,
            Search: SearchQueryParser.Parse("pineapplequokka", new SearchContext(TimeZoneInfo.Utc, TimeProvider.System.GetUtcNow()))), default);

        Assert.Equal(31, listed!.Items.Count);
        var match = Assert.Single(found!.Items);
        Assert.Equal("Hello", match.Subject);
        Assert.Equal(31, await db.MessageTexts.CountAsync());
    }
}
