using System.Globalization;
using Mailroom.Accounts;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mailroom.IntegrationTests.Accounts;

/// <summary>The Mail Accounts pages in Chromium, driven by their visible labels, against the real Dovecot.</summary>
[Collection(BrowserTests.Collection)]
public sealed class MailAccountsBrowserTests(AccountsSqliteApp app, BrowserFixture browser) : IClassFixture<AccountsSqliteApp>
{
    private readonly AccountsSqliteApp _app = app;

    [Fact]
    public async Task AddAccount_ShowsEachVerdictWithGuidance_ThenSavesAndListsIt()
    {
        var mailbox = await _app.Servers.CreateMailboxAsync();
        await mailbox.DropSampleMessagesAsync(2);
        await using var session = await browser.NewSessionAsync(_app);
        var page = session.Page;
        await session.SignUpAsync(TestUser.Create());

        await page.GotoAsync("/settings/mail/accounts");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add POP3 Account" }).ClickAsync();
        await Expect(page.GetByLabel("Use SSL")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Port")).ToHaveValueAsync("995");
        await Expect(page.GetByLabel("Keep messages on the server")).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeDisabledAsync();

        // A known provider fills in its server and shows its note.
        await page.GetByLabel("Email address").FillAsync("someone@gmail.com");
        await page.GetByLabel("Email address").BlurAsync();
        await Expect(page.GetByLabel("Incoming server")).ToHaveValueAsync("pop.gmail.com");
        await Expect(page.Locator("#provider-note")).ToContainTextAsync("app password");
        await Expect(page.GetByLabel("User name")).ToHaveValueAsync("someone@gmail.com");
        await session.ScreenshotAsync("accounts-add-provider-prefill");

        // Use SSL switches the standard port both ways.
        await page.GetByLabel("Use SSL").UncheckAsync();
        await Expect(page.GetByLabel("Port")).ToHaveValueAsync("110");
        await page.GetByLabel("Use SSL").CheckAsync();
        await Expect(page.GetByLabel("Port")).ToHaveValueAsync("995");

        await page.GetByLabel("Display name").FillAsync("Work");
        await page.GetByLabel("Email address").FillAsync(mailbox.Address);
        await page.GetByLabel("Incoming server").FillAsync("127.0.0.1");
        await page.GetByLabel("Port").FillAsync(_app.Servers.Pop3sPort.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("User name").FillAsync(mailbox.Address);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not-the-password");

        var verdict = page.Locator("#test-result");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Account" }).ClickAsync();
        await Expect(verdict.GetByRole(AriaRole.Heading, new() { Name = "Authentication failure" })).ToBeVisibleAsync();
        await Expect(verdict).ToContainTextAsync("Check the user name and password");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeDisabledAsync();
        await session.ScreenshotAsync("accounts-test-authentication-failure");

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(mailbox.Password);
        await page.GetByLabel("Incoming server").FillAsync("127.0.0.4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Account" }).ClickAsync();
        await Expect(verdict.GetByRole(AriaRole.Heading, new() { Name = "Certificate error" })).ToBeVisibleAsync();
        await Expect(verdict).ToContainTextAsync("self-signed");
        await Expect(verdict).ToContainTextAsync($"contact {AccountsApp.SupportEmail} with your mail server details and port number");
        await session.ScreenshotAsync("accounts-test-certificate-error");

        await page.GetByLabel("Incoming server").FillAsync("127.0.0.1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Account" }).ClickAsync();
        await Expect(verdict.GetByRole(AriaRole.Heading, new() { Name = "Test succeeded" })).ToBeVisibleAsync();
        await Expect(verdict).ToContainTextAsync("TLS 1.");
        await Expect(verdict).ToContainTextAsync("UIDL");
        await Expect(verdict).ToContainTextAsync("PIPELINING");
        await Expect(verdict).ToContainTextAsync("2 (");
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync(mailbox.Password);
        await session.ScreenshotAsync("accounts-test-success");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Outgoing mail for Work", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Work was added." })).ToBeVisibleAsync();
        await session.ScreenshotAsync("accounts-outgoing-step-after-save");
        await page.GetByRole(AriaRole.Link, new() { Name = "Skip for now" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mail Accounts", Level = 1 })).ToBeVisibleAsync();
        var card = page.GetByRole(AriaRole.List, new() { Name = "Mail accounts" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Work" });
        await Expect(card).ToContainTextAsync(mailbox.Address);
        await Expect(card).ToContainTextAsync("Active");
        await session.ScreenshotAsync("accounts-list");

        await page.GotoAsync("/");
        var pane = page.GetByRole(AriaRole.Navigation, new() { Name = "Mailboxes" }).GetByRole(AriaRole.List, new() { Name = "POP3 accounts" });
        await Expect(pane.GetByRole(AriaRole.Link)).ToContainTextAsync("Work");
        await session.ScreenshotAsync("accounts-left-pane");

        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains(mailbox.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(await page.ContentAsync(), mailbox.Password, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAccount_WithoutItsScript_StillTestsAndSavesByPlainPostsWithoutEchoingThePassword()
    {
        var mailbox = await _app.Servers.CreateMailboxAsync();
        await using var session = await browser.NewSessionAsync(_app);
        var page = session.Page;
        await session.SignUpAsync(TestUser.Create());
        await page.RouteAsync("**/js/account-form.js*", route => route.AbortAsync());

        await page.GotoAsync("/settings/mail/accounts/add");
        await page.GetByLabel("Display name").FillAsync("Plain");
        await page.GetByLabel("Email address").FillAsync(mailbox.Address);
        await page.GetByLabel("Incoming server").FillAsync("127.0.0.1");
        await page.GetByLabel("Port").FillAsync(_app.Servers.Pop3sPort.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(mailbox.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Account" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test succeeded" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");
        Assert.DoesNotContain(mailbox.Password, await page.ContentAsync(), StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeEnabledAsync();
        await session.ScreenshotAsync("accounts-test-success-without-script");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Outgoing mail for Plain", Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync("/settings/mail/accounts");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Mail accounts" })).ToContainTextAsync("Plain");
    }

    [Fact]
    public async Task EditAndDelete_KeepThePasswordWhenBlank_AskForItAndATestForANewServer_AndAskAboutFetchedMail()
    {
        var mailbox = await _app.Servers.CreateMailboxAsync();
        await using var session = await browser.NewSessionAsync(_app);
        var page = session.Page;
        await session.SignUpAsync(TestUser.Create());
        await AddAccountAsync(page, mailbox, "Old name");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit Old name" }).ClickAsync();
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");
        await Expect(page.GetByText("Leave blank to keep the current password.")).ToBeVisibleAsync();
        await page.GetByLabel("Display name").FillAsync("New name");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Mail accounts" })).ToContainTextAsync("New name");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit New name" }).ClickAsync();
        await page.GetByLabel("Incoming server").FillAsync("localhost");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeDisabledAsync();
        // A saved password goes only to the server it was saved for: another server needs it typed again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Account" }).ClickAsync();
        await Expect(page.GetByText(Pop3AccountService.PasswordForNewEndpoint)).ToBeVisibleAsync();
        await session.ScreenshotAsync("accounts-edit-new-server-asks-for-the-password");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(mailbox.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test succeeded" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Mail accounts" })).ToContainTextAsync("localhost");

        await page.GetByRole(AriaRole.Link, new() { Name = "Delete New name" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete account" }).ClickAsync();
        await Expect(page.GetByText("Choose whether to keep or remove the mail already fetched.")).ToBeVisibleAsync();
        await session.ScreenshotAsync("accounts-delete-asks");
        await page.GetByLabel("Keep them in my mail").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete account" }).ClickAsync();
        await Expect(page.GetByText("You haven't added a POP3 account yet.")).ToBeVisibleAsync();
    }

    private async Task AddAccountAsync(IPage page, MailboxUser mailbox, string name)
    {
        await page.GotoAsync("/settings/mail/accounts/add");
        await page.GetByLabel("Display name").FillAsync(name);
        await page.GetByLabel("Email address").FillAsync(mailbox.Address);
        await page.GetByLabel("Incoming server").FillAsync("127.0.0.1");
        await page.GetByLabel("Port").FillAsync(_app.Servers.Pop3sPort.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(mailbox.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test succeeded" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Outgoing mail for {name}", Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync("/settings/mail/accounts");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Mail accounts" })).ToContainTextAsync(name);
    }

    [Fact]
    public async Task AnotherUser_GetsNotFoundOnTheAccountsPages()
    {
        var mailbox = await _app.Servers.CreateMailboxAsync();
        await using var owner = await browser.NewSessionAsync(_app);
        await owner.SignUpAsync(TestUser.Create("owner"));
        await AddAccountAsync(owner.Page, mailbox, "Private");
        var id = await owner.Page.Locator("[data-account-id]").First.GetAttributeAsync("data-account-id");

        await using var intruder = await browser.NewSessionAsync(_app);
        await intruder.SignUpAsync(TestUser.Create("intruder"));
        var edit = await intruder.Page.GotoAsync($"/settings/mail/accounts/{id}/edit");
        var delete = await intruder.Page.GotoAsync($"/settings/mail/accounts/{id}/delete");
        await intruder.Page.GotoAsync("/settings/mail/accounts");

        Assert.Equal(404, edit!.Status);
        Assert.Equal(404, delete!.Status);
        await Expect(intruder.Page.Locator("main")).Not.ToContainTextAsync("Private");
        await intruder.Page.GotoAsync("/");
        await Expect(intruder.Page.GetByRole(AriaRole.Navigation, new() { Name = "Mailboxes" })).Not.ToContainTextAsync("Private");
    }
}
