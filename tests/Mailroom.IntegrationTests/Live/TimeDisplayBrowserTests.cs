using Mailroom.IntegrationTests.Accounts;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.Reading;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Mailroom.IntegrationTests.Live;

/// <summary>One way to show time: the reader's zone (taken from the browser and stored for the user), one format family, the exact instant with its offset on hover.</summary>
[Collection(BrowserTests.Collection)]
public sealed class TimeDisplayBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Times_AreShownInTheReadersZone_WhichIsStoredForThem_WithTheExactInstantAndOffsetOnHover()
    {
        await using var app = new AccountsApp(DatabaseKind.Sqlite);
        await app.StartAsync();
        var user = TestUser.Create();
        await using var session = await browser.NewSessionAsync(app, timeZone: "Asia/Tokyo");
        await session.SignUpAsync(user);
        var userId = await MessageSeeder.UserIdAsync(app, user);
        var account = await MessageSeeder.AddAccountAsync(app, userId, "Old ISP");
        // 23:30 UTC on 30 May is already 31 May in Tokyo (UTC+9): the day itself must follow the reader's zone.
        await MessageSeeder.AddMessageAsync(app, account, userId, LiveAccounts.Message("Late in UTC", new DateTimeOffset(2026, 5, 30, 23, 30, 0, TimeSpan.Zero)));

        await session.Page.ReloadAsync();
        var date = session.Page.Locator("time.message-row__date");
        await Expect(date).ToHaveTextAsync("31 May");
        await Expect(date).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex(@"31 May 2026.*08:30:00.*GMT\+09:00"));
        // Stored by the first page after sign-up, in the background.
        string? stored = null;
        for (var attempt = 0; attempt < 40 && stored is null; attempt++)
        {
            stored = await app.WithDbContextAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).SingleAsync());
            await Task.Delay(250);
        }

        Assert.Equal("Asia/Tokyo", stored);
    }
}
