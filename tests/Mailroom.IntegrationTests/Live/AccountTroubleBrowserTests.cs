using Mailroom.IntegrationTests.Accounts;
using Mailroom.IntegrationTests.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mailroom.IntegrationTests.Live;

/// <summary>
/// Account trouble cannot be missed: when the mailbox password changes on the server, the open mail view shows the
/// banner without a reload, the left pane says "Disabled" in words, and the banner's one action leads to the form
/// that, saved with a passing test, makes fetching resume.
/// </summary>
[Collection(BrowserTests.Collection)]
public sealed class AccountTroubleBrowserTests(BrowserFixture browser)
{
    // Three refused sign-ins with one-second backoff steps on a loaded machine.
    private static readonly LocatorAssertionsToBeVisibleOptions UntilDisabled = new() { Timeout = 90_000 };

    [Fact]
    public async Task PasswordChangedOnTheServer_ShowsTheBannerLive_AndItsActionLeadsToAFormThatResumesFetching()
    {
        await using var app = new AccountsApp(DatabaseKind.Sqlite, fetching: true);
        await app.StartAsync();
        var mailbox = await app.Servers.CreateMailboxAsync();
        await mailbox.DropSampleMessagesAsync(1);
        var (user, id) = await LiveAccounts.SignUpWithAccountAsync(app, app.Servers, mailbox);
        await using var session = await browser.NewSessionAsync(app);
        var page = session.Page;
        await session.SignInAsync(user);
        await page.GotoAsync($"/?account={id}");
        var rows = page.GetByRole(AriaRole.List, new() { Name = "Messages" }).GetByRole(AriaRole.Listitem);
        await Expect(rows).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Expect(page.Locator("html[data-live='connected']")).ToBeAttachedAsync();
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        var newPassword = $"changed-{Guid.NewGuid():N}";
        await mailbox.ChangePasswordAsync(newPassword);

        var banner = page.Locator($"[data-trouble-account='{id}']");
        await Expect(banner).ToBeVisibleAsync(UntilDisabled);
        await Expect(banner).ToContainTextAsync("Old ISP stopped fetching at");
        await Expect(banner).ToContainTextAsync("the server refused the password.");
        var pane = page.GetByRole(AriaRole.Navigation, new() { Name = "Mailboxes" });
        await Expect(pane.Locator($"[data-account-id='{id}']")).ToContainTextAsync("Disabled");
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "The page was reloaded.");
        await session.ScreenshotAsync("live-account-trouble-banner");

        await banner.GetByRole(AriaRole.Link, new() { Name = "Update password for Old ISP" }).ClickAsync();
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test succeeded" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/edit", StringComparison.Ordinal));

        var subject = $"After the fix {Guid.NewGuid():N}";
        await mailbox.DropMessagesAsync([LiveAccounts.Message(subject)]);
        await page.GotoAsync($"/?account={id}");
        await Expect(page.Locator($"[data-trouble-account='{id}']")).ToHaveCountAsync(0);
        await Expect(rows.Filter(new() { HasText = subject })).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }
}
