using Mailroom.IntegrationTests.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mailroom.IntegrationTests.Reading;

/// <summary>The day-to-day flow in real Chromium: switch accounts in the left pane, open a message, it turns read.</summary>
[Collection(BrowserTests.Collection)]
public sealed class ReadingBrowserTests(BrowserFixture browser)
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SwitchingAccounts_ChangesTheList_AndOpeningAMessageMarksItRead(DatabaseKind kind)
    {
        await using var app = new MailroomAppFactory(kind);
        await app.StartAsync();
        await using var session = await browser.NewSessionAsync(app);
        var page = session.Page;
        var user = TestUser.Create("reader");
        await session.SignUpAsync(user);
        var mailbox = await SampleMailbox.SeedAsync(app, user);

        await page.GotoAsync("/");
        await Expect(page.Locator("[data-row]")).ToHaveCountAsync(mailbox.WorkIds.Count + mailbox.HomeIds.Count);
        await Expect(UnreadBadge(page, "all")).ToHaveTextAsync("7");
        await session.ScreenshotAsync($"reading-all-mail-{kind}");

        await AccountLink(page, "Work").ClickAsync();
        await page.WaitForURLAsync($"**/?account={mailbox.Work}");
        await Expect(page.Locator("[data-row]")).ToHaveCountAsync(mailbox.WorkIds.Count);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Work" })).ToBeVisibleAsync();

        await AccountLink(page, "Home").ClickAsync();
        await page.WaitForURLAsync($"**/?account={mailbox.Home}");
        await Expect(page.Locator("[data-row]")).ToHaveCountAsync(mailbox.HomeIds.Count);

        // The choice lives in the URL: Back returns to Work, and a reload keeps it.
        await page.GoBackAsync();
        await page.WaitForURLAsync($"**/?account={mailbox.Work}");
        await page.ReloadAsync();
        await Expect(page.Locator("[data-row]")).ToHaveCountAsync(mailbox.WorkIds.Count);
        await Expect(UnreadBadge(page, mailbox.Work.ToString())).ToHaveTextAsync("4");
        await session.ScreenshotAsync($"reading-work-account-{kind}");

        var opened = page.Locator($"[data-message-id=\"{mailbox.NewsletterId}\"]");
        await Expect(opened).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("message-row--unread"));
        await opened.Locator("a").ClickAsync();
        await page.WaitForURLAsync($"**/messages/{mailbox.NewsletterId}?account={mailbox.Work}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = SampleMailbox.NewsletterSubject })).ToBeVisibleAsync();
        await Expect(page.FrameLocator("iframe.message__frame").GetByText("Roadmap for the autumn")).ToBeVisibleAsync();
        await Expect(UnreadBadge(page, mailbox.Work.ToString())).ToHaveTextAsync("3");
        await Expect(UnreadBadge(page, "all")).ToHaveTextAsync("6");
        await session.ScreenshotAsync($"reading-message-{kind}");
        Assert.True(await MessageSeeder.IsReadAsync(app, mailbox.NewsletterId));

        await page.GetByRole(AriaRole.Link, new() { Name = "Back" }).ClickAsync();
        await page.WaitForURLAsync($"**/?account={mailbox.Work}");
        await Expect(page.Locator($"[data-message-id=\"{mailbox.NewsletterId}\"]")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("message-row--unread"));
    }

    [Fact]
    public async Task SelectingSeveralMessages_MarksThemUnreadAndReadTogether()
    {
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite);
        await app.StartAsync();
        await using var session = await browser.NewSessionAsync(app);
        var page = session.Page;
        var user = TestUser.Create("marker");
        await session.SignUpAsync(user);
        var mailbox = await SampleMailbox.SeedAsync(app, user);

        await page.GotoAsync($"/?account={mailbox.Home}");
        var markRead = page.GetByRole(AriaRole.Button, new() { Name = "Mark read" });
        await Expect(markRead).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select all messages on this page" }).CheckAsync();
        await Expect(page.GetByText($"{mailbox.HomeIds.Count} selected")).ToBeVisibleAsync();
        await session.ScreenshotAsync("reading-select-several");
        await markRead.ClickAsync();

        await Expect(page.Locator(".message-row--unread")).ToHaveCountAsync(0);
        await Expect(UnreadBadge(page, mailbox.Home.ToString())).ToHaveCountAsync(0);
        foreach (var id in mailbox.HomeIds)
        {
            Assert.True(await MessageSeeder.IsReadAsync(app, id));
        }

        await page.Locator($"[data-message-id=\"{mailbox.HomeIds[0]}\"] input[name=ids]").CheckAsync();
        await page.Locator($"[data-message-id=\"{mailbox.HomeIds[1]}\"] input[name=ids]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark unread" }).ClickAsync();

        await Expect(page.Locator(".message-row--unread")).ToHaveCountAsync(2);
        await Expect(UnreadBadge(page, mailbox.Home.ToString())).ToHaveTextAsync("2");
        Assert.False(await MessageSeeder.IsReadAsync(app, mailbox.HomeIds[0]));
        Assert.True(await MessageSeeder.IsReadAsync(app, mailbox.HomeIds[2]));

        // Opening marks read; "Mark unread" in the reading pane undoes it and returns to the same list.
        await page.Locator($"[data-message-id=\"{mailbox.HomeIds[2]}\"] a").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark unread" }).ClickAsync();
        await page.WaitForURLAsync($"**/?account={mailbox.Home}");
        await Expect(page.Locator(".message-row--unread")).ToHaveCountAsync(3);
        Assert.False(await MessageSeeder.IsReadAsync(app, mailbox.HomeIds[2]));
    }

    [Fact]
    public async Task RemoteImages_AreBlockedUntilShowImages_AndInlineImagesShowAtOnce()
    {
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite);
        await app.StartAsync();
        await using var session = await browser.NewSessionAsync(app);
        var page = session.Page;
        var user = TestUser.Create("images");
        await session.SignUpAsync(user);
        var mailbox = await SampleMailbox.SeedAsync(app, user);
        var outside = new List<IRequest>();
        await session.Context.RouteAsync("**/*", async route =>
        {
            if (new Uri(route.Request.Url).Authority == new Uri(app.BaseUrl).Authority)
            {
                await route.ContinueAsync();
                return;
            }

            outside.Add(route.Request);
            await route.FulfillAsync(new() { Status = 200, ContentType = "image/png", BodyBytes = SampleMailbox.Png });
        });

        await page.GotoAsync($"/messages/{mailbox.NewsletterId}");
        var frame = page.FrameLocator("iframe.message__frame");
        await Expect(frame.Locator("img[alt=logo]")).ToBeVisibleAsync();
        Assert.True(await frame.Locator("img[alt=logo]").EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0"), "the cid: logo rendered");
        Assert.Empty(outside);

        await page.GetByRole(AriaRole.Link, new() { Name = "Show images" }).ClickAsync();
        await Expect(frame.Locator("img[alt=banner]")).ToBeVisibleAsync();
        await Expect(frame.Locator("img[alt=banner]")).ToHaveJSPropertyAsync("complete", true);
        Assert.NotEmpty(outside);
        Assert.All(outside, request => Assert.Equal("image", request.ResourceType));
        await session.ScreenshotAsync("reading-show-images");
    }

    [Fact]
    public async Task ReadingPane_OffersReplyReplyAllAndForward_AndReplyOpensComposeWithTheSubject()
    {
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite);
        await app.StartAsync();
        await using var session = await browser.NewSessionAsync(app);
        var page = session.Page;
        var user = TestUser.Create("replier");
        await session.SignUpAsync(user);
        var mailbox = await SampleMailbox.SeedAsync(app, user);
        var planning = mailbox.WorkIds[0];
        await MessageSeeder.AddVerifiedSenderAsync(app, await MessageSeeder.UserIdAsync(app, user), mailbox.Work, "work@example.test");

        await page.GotoAsync($"/messages/{planning}?account={mailbox.Work}");
        var toolbar = page.GetByRole(AriaRole.Toolbar, new() { Name = "Message actions" });
        await Expect(toolbar.GetByRole(AriaRole.Link, new() { Name = "Reply", Exact = true }))
            .ToHaveAttributeAsync("href", $"/compose?replyTo={planning}&mode=reply");
        await Expect(toolbar.GetByRole(AriaRole.Link, new() { Name = "Reply all", Exact = true }))
            .ToHaveAttributeAsync("href", $"/compose?replyTo={planning}&mode=replyAll");
        await Expect(toolbar.GetByRole(AriaRole.Link, new() { Name = "Forward", Exact = true }))
            .ToHaveAttributeAsync("href", $"/compose?replyTo={planning}&mode=forward");
        await session.ScreenshotAsync("reading-reply-actions");

        await toolbar.GetByRole(AriaRole.Link, new() { Name = "Reply", Exact = true }).ClickAsync();

        await page.WaitForURLAsync($"**/compose?replyTo={planning}&mode=reply");
        await Expect(page.Locator("#Input_Subject")).ToHaveValueAsync("Re: Q4 planning: agenda for Thursday");
        await Expect(page.Locator("#Input_To")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("priya@northwind\\.example"));
        await session.ScreenshotAsync("reading-reply-compose");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SentView_ListsOnlySentMail_ForAllAccountsAndForTheSelectedOne(DatabaseKind kind)
    {
        await using var app = new MailroomAppFactory(kind);
        await app.StartAsync();
        await using var session = await browser.NewSessionAsync(app);
        var page = session.Page;
        var user = TestUser.Create("sender");
        await session.SignUpAsync(user);
        var mailbox = await SampleMailbox.SeedAsync(app, user);
        var ownerId = await MessageSeeder.UserIdAsync(app, user);
        var sentAt = TimeProvider.System.GetUtcNow().AddMinutes(-30);
        var fromWork = await MessageSeeder.AddSentMessageAsync(app, mailbox.Work, ownerId, "Priya Raman <priya@northwind.example>", "Re: Q4 planning: agenda for Thursday", sentAt);
        var fromHome = await MessageSeeder.AddSentMessageAsync(app, mailbox.Home, ownerId, "Mum <mum@family.example>", "Re: Sunday lunch?", sentAt.AddMinutes(-5));

        await page.GotoAsync("/");
        await Expect(page.Locator("[data-row]")).ToHaveCountAsync(mailbox.WorkIds.Count + mailbox.HomeIds.Count);
        await LeftPane(page).Locator("[data-folder-link=sent]").ClickAsync();
        await page.WaitForURLAsync("**/?folder=sent");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sent", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-row]")).ToHaveCountAsync(2);
        await Expect(page.Locator($"[data-message-id=\"{fromWork}\"] .message-row__from")).ToHaveTextAsync("To: Priya Raman");
        await Expect(page.Locator($"[data-message-id=\"{fromHome}\"]")).ToBeVisibleAsync();
        await session.ScreenshotAsync($"reading-sent-all-{kind}");

        await AccountLink(page, "Work").ClickAsync();
        await page.WaitForURLAsync($"**/?account={mailbox.Work}");
        await LeftPane(page).Locator($"[data-folder-link=\"sent-{mailbox.Work}\"]").ClickAsync();
        await page.WaitForURLAsync($"**/?account={mailbox.Work}&folder=sent");
        await Expect(page.Locator("[data-row]")).ToHaveCountAsync(1);
        await Expect(page.Locator($"[data-message-id=\"{fromWork}\"]")).ToBeVisibleAsync();
        await Expect(LeftPane(page).Locator($"[data-folder-link=\"sent-{mailbox.Work}\"]")).ToHaveAttributeAsync("aria-current", "page");
        await session.ScreenshotAsync($"reading-sent-work-{kind}");

        // Opened from the Sent list, Back returns to it.
        await page.Locator($"[data-message-id=\"{fromWork}\"] a").ClickAsync();
        await page.WaitForURLAsync($"**/messages/{fromWork}?account={mailbox.Work}&folder=sent");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back" }).ClickAsync();
        await page.WaitForURLAsync($"**/?account={mailbox.Work}&folder=sent");
        await Expect(page.Locator("[data-row]")).ToHaveCountAsync(1);
    }

    private static ILocator LeftPane(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Mailboxes" });

    // By the start of the name: an account's status text (e.g. "…internal network address") may contain another's name.
    private static ILocator AccountLink(IPage page, string name) =>
        LeftPane(page).GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^{name} ") });

    private static ILocator UnreadBadge(IPage page, string key) => page.Locator($"[data-unread-count=\"{key}\"]");
}
