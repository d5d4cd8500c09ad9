using Mailroom.IntegrationTests.Accounts;
using Mailroom.IntegrationTests.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mailroom.IntegrationTests.RoughEdges;

/// <summary>Rough edge: the empty inbox's "Add a POP3 account" opened the accounts list instead of the form.</summary>
[Collection(BrowserTests.Collection)]
public sealed class EmptyInboxBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task AddAPop3Account_OnTheEmptyInbox_OpensTheAddForm()
    {
        await using var app = new AccountsApp(DatabaseKind.Sqlite);
        await app.StartAsync();
        await using var session = await browser.NewSessionAsync(app);
        await session.SignUpAsync(TestUser.Create());

        await session.Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Add a POP3 account" }).ClickAsync();

        await Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/settings/mail/accounts/add$"));
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Add POP3 Account", Level = 1 })).ToBeVisibleAsync();
    }
}
