using Mailroom.IntegrationTests.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mailroom.IntegrationTests.Users;

[Collection(BrowserTests.Collection)]
public abstract class SignInJourneyTests(MailroomAppFactory app, BrowserFixture browser)
{
    [Fact]
    public async Task NewUser_SignsUpSignsOutAndSignsIn_AndSeesTheMailShell()
    {
        var user = TestUser.Create();
        await using var session = await browser.NewSessionAsync(app);
        var page = session.Page;

        await session.SignUpAsync(user);
        await session.SignOutAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await session.SignInAsync(user);

        var sidebar = page.GetByRole(AriaRole.Navigation, new() { Name = "Mailboxes" });
        await Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "All mail" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(sidebar).ToContainTextAsync("No accounts yet — Add a POP3 account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "All mail", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Settings" }).ClickAsync();
        var settings = page.Locator("#settings-menu");
        await Expect(settings.GetByRole(AriaRole.Link, new() { Name = "Mail Accounts" })).ToHaveAttributeAsync("href", "/settings/mail/accounts");
        await Expect(settings.GetByRole(AriaRole.Link, new() { Name = "Send Mail As" })).ToHaveAttributeAsync("href", "/settings/mail/send-as");
        await session.ScreenshotAsync($"shell-settings-menu-{app.DatabaseKind}");

        await settings.GetByRole(AriaRole.Link, new() { Name = "Mail Accounts" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mail Accounts", Level = 1 })).ToBeVisibleAsync();
        await session.ScreenshotAsync($"settings-mail-accounts-{app.DatabaseKind}");
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(user.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignUpAndSignInPages_LookFinished()
    {
        await using var session = await browser.NewSessionAsync(app);

        await session.Page.GotoAsync("/sign-up");
        await Expect(session.Page.GetByText("At least 10 characters")).ToBeVisibleAsync();
        await session.ScreenshotAsync($"sign-up-{app.DatabaseKind}");
        await session.Page.GotoAsync("/sign-in");
        await session.ScreenshotAsync($"sign-in-{app.DatabaseKind}");
    }

    [Fact]
    public async Task NarrowScreen_CollapsesTheLeftPaneBehindAButton()
    {
        var user = TestUser.Create();
        await using var session = await browser.NewSessionAsync(app, new ViewportSize { Width = 600, Height = 800 });
        await session.SignUpAsync(user);
        var sidebar = session.Page.GetByRole(AriaRole.Navigation, new() { Name = "Mailboxes" });
        await Expect(sidebar).ToBeHiddenAsync();

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Show mailboxes" }).ClickAsync();

        await Expect(sidebar).ToBeVisibleAsync();
        await Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "All mail" })).ToBeVisibleAsync();
        await session.ScreenshotAsync($"shell-narrow-{app.DatabaseKind}");
    }
}

public sealed class SignInJourneyTestsOnSqlite(SqliteApp app, BrowserFixture browser)
    : SignInJourneyTests(app, browser), IClassFixture<SqliteApp>;

public sealed class SignInJourneyTestsOnPostgres(PostgresApp app, BrowserFixture browser)
    : SignInJourneyTests(app, browser), IClassFixture<PostgresApp>;
