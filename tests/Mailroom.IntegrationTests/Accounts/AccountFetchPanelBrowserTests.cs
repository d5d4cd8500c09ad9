using System.Globalization;
using Mailroom.IntegrationTests.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mailroom.IntegrationTests.Accounts;

/// <summary>
/// The joins between features in Chromium: saving a new account leads to its outgoing step, the account's page shows
/// the fetch panel, and Fetch now (on the panel and on the Mail Accounts list, with and without script) starts a fetch.
/// </summary>
[Collection(BrowserTests.Collection)]
public sealed class AccountFetchPanelBrowserTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Patience = new() { Timeout = 30_000 };

    [Fact]
    public async Task SavingAnAccount_LeadsToItsOutgoingStep_AndItsPageShowsFetchesIncludingFetchNow()
    {
        // Polls an hour apart: mail dropped after the first fetch can only arrive through Fetch now.
        await using var app = new AccountsApp(DatabaseKind.Sqlite, fetching: true);
        app.WithSetting("Mailroom:Fetching:PollInterval", "01:00:00");
        await app.StartAsync();
        var mailbox = await app.Servers.CreateMailboxAsync();
        await mailbox.DropSampleMessagesAsync(3);
        await using var session = await browser.NewSessionAsync(app);
        var page = session.Page;
        var cspViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                cspViolations.Add(message.Text);
            }
        };
        await session.SignUpAsync(TestUser.Create());

        await page.GotoAsync("/settings/mail/accounts/add");
        await page.GetByLabel("Display name").FillAsync("Panel");
        await page.GetByLabel("Email address").FillAsync(mailbox.Address);
        await page.GetByLabel("Incoming server").FillAsync("127.0.0.1");
        await page.GetByLabel("Port").FillAsync(app.Servers.Pop3sPort.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(mailbox.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test succeeded" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Outgoing mail for Panel", Level = 1 })).ToBeVisibleAsync();
        var id = Guid.Parse(new Uri(page.Url).Query.Replace("?account=", "", StringComparison.Ordinal));

        await page.GotoAsync("/settings/mail/accounts");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit Panel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Outgoing mail" }))
            .ToHaveAttributeAsync("href", $"/settings/mail/send-as/setup?account={id}");
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Fetching" });
        var history = panel.GetByRole(AriaRole.Table, new() { Name = "Recent fetches" });
        await Expect(history.GetByRole(AriaRole.Cell, new() { Name = "3", Exact = true })).ToBeVisibleAsync(Patience);

        await mailbox.DropSampleMessagesAsync(2);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Fetch now" }).ClickAsync();
        await Expect(history.GetByRole(AriaRole.Cell, new() { Name = "2", Exact = true })).ToBeVisibleAsync(Patience);
        await session.ScreenshotAsync("accounts-fetch-panel-after-fetch-now");

        await page.GotoAsync("/settings/mail/accounts");
        var card = page.Locator($"[data-account-id='{id}']");
        await Expect(card).ToContainTextAsync("5 messages");
        await card.GetByRole(AriaRole.Button, new() { Name = "Fetch now Panel" }).ClickAsync();
        await Expect(card.GetByRole(AriaRole.Status)).ToContainTextAsync("Fetching now.");
        await session.ScreenshotAsync("accounts-list-fetch-now");
        Assert.Empty(cspViolations);

        await page.RouteAsync("**/js/fetch.js*", route => route.AbortAsync());
        await page.ReloadAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Fetch now Panel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Fetching Panel now." })).ToBeVisibleAsync();
    }
}
