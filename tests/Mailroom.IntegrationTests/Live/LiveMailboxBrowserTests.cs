using Mailroom.IntegrationTests.Accounts;
using Mailroom.IntegrationTests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mailroom.IntegrationTests.Live;

/// <summary>
/// The open inbox is alive in Chromium: mail dropped into the Dovecot mailbox shows up in the list, the left pane and
/// the tab title within 10 s, with no reload (a marker set in the page survives), on one node and across two.
/// </summary>
[Collection(BrowserTests.Collection)]
public sealed class LiveMailboxBrowserTests(BrowserFixture browser)
{
    // The acceptance bound: from the drop into the maildir to the row on screen.
    private static readonly LocatorAssertionsToBeVisibleOptions WithinTenSeconds = new() { Timeout = 10_000 };

    [Fact]
    public async Task MailDroppedIntoTheMailbox_AppearsInTheOpenInboxWithItsCounts_WithinTenSecondsAndWithoutAReload()
    {
        await using var app = new AccountsApp(DatabaseKind.Sqlite, fetching: true);
        await app.StartAsync();
        var mailbox = await app.Servers.CreateMailboxAsync();
        await mailbox.DropSampleMessagesAsync(2);
        var (user, _) = await LiveAccounts.SignUpWithAccountAsync(app, app.Servers, mailbox);
        await using var session = await browser.NewSessionAsync(app);
        await session.SignInAsync(user);

        await ExpectArrivalWithoutReloadAsync(session.Page, mailbox);
        await session.ScreenshotAsync("live-new-mail-arrived");
    }

    [Fact]
    public async Task MailFetchedByNodeA_AppearsInABrowserOnNodeB_OnPostgres()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        await using var nodeB = new AccountsApp(database, fetching: false);
        await nodeB.StartAsync();
        await using var nodeA = new AccountsApp(database, fetching: true);
        nodeA.WithSetting("Mailroom:Fetching:NodeName", "node-a");
        await nodeA.StartAsync();
        var mailbox = await nodeB.Servers.CreateMailboxAsync();
        await mailbox.DropSampleMessagesAsync(2);
        var (user, _) = await LiveAccounts.SignUpWithAccountAsync(nodeB, nodeB.Servers, mailbox);
        await using var session = await browser.NewSessionAsync(nodeB);
        await session.SignInAsync(user);

        await ExpectArrivalWithoutReloadAsync(session.Page, mailbox);
        var fetchedBy = await nodeB.WithDbContextAsync(db => db.FetchRuns.Select(r => r.Node).Distinct().ToListAsync());
        Assert.Equal(["node-a"], fetchedBy);
    }

    [Fact]
    public async Task AfterTheAppRestarts_TheOpenInboxReconnectsByItself_AndNewMailStillAppearsWithoutAReload()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        using var servers = new TestEnvironment.TestServers();
        await using var before = new AccountsApp(database, fetching: true);
        await before.StartAsync();
        var mailbox = await servers.CreateMailboxAsync();
        await mailbox.DropSampleMessagesAsync(2);
        var (user, _) = await LiveAccounts.SignUpWithAccountAsync(before, servers, mailbox);
        await using var session = await browser.NewSessionAsync(before);
        await session.SignInAsync(user);
        var page = session.Page;
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Messages" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Expect(page.Locator("html[data-live='connected']")).ToBeAttachedAsync();
        await page.EvaluateAsync("() => { window.openBeforeTheRestart = true; }");

        // The same app again on the same database and port, as after a deployment: the browser's EventSource
        // reconnects by itself (Last-Event-ID) and the stream carries on.
        var port = new Uri(before.BaseUrl).Port;
        await before.DisposeAsync();
        await Expect(page.Locator("html[data-live='reconnecting']")).ToBeAttachedAsync();
        await using var after = new AccountsApp(database, fetching: true, port);
        await after.StartAsync();
        await Expect(page.Locator("html[data-live='connected']")).ToBeAttachedAsync(new() { Timeout = 30_000 });

        await ExpectArrivalWithoutReloadAsync(page, mailbox);
        Assert.True(await page.EvaluateAsync<bool>("() => window.openBeforeTheRestart === true"), "The page was reloaded across the restart.");
    }

    /// <summary>The inbox shows the first two messages; a third is dropped and must appear live, counted in the pane and the title.</summary>
    private static async Task ExpectArrivalWithoutReloadAsync(IPage page, TestEnvironment.MailboxUser mailbox)
    {
        var rows = page.GetByRole(AriaRole.List, new() { Name = "Messages" }).GetByRole(AriaRole.Listitem);
        await Expect(rows).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        var pane = page.GetByRole(AriaRole.Navigation, new() { Name = "Mailboxes" });
        await Expect(pane.Locator("[data-unread-count='all']")).ToHaveTextAsync("2");
        await Expect(page.Locator("html[data-live='connected']")).ToBeAttachedAsync();
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        var subject = $"Live arrival {Guid.NewGuid():N}";
        await mailbox.DropMessagesAsync([LiveAccounts.Message(subject)]);

        await Expect(rows.Filter(new() { HasText = subject })).ToBeVisibleAsync(WithinTenSeconds);
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(pane.Locator("[data-unread-count='all']")).ToHaveTextAsync("3");
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(3\) "));
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "The page was reloaded.");
    }
}
