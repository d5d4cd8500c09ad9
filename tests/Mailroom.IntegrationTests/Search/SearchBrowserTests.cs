using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.Reading;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mailroom.IntegrationTests.Search;

/// <summary>Searching in real Chromium: the list follows the words as they are typed, and Back returns to the results.</summary>
[Collection(BrowserTests.Collection)]
public sealed class SearchBrowserTests(BrowserFixture browser)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TypingABodyWord_ShowsTheMessageHighlighted_OpensIt_AndBackReturnsToTheResults()
    {
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite);
        await app.StartAsync();
        await using var session = await browser.NewSessionAsync(app);
        var page = session.Page;
        var user = TestUser.Create("searcher");
        await session.SignUpAsync(user);
        var ownerId = await MessageSeeder.UserIdAsync(app, user);
        var account = await MessageSeeder.AddAccountAsync(app, ownerId, "Work");
        for (var i = 0; i < 5; i++)
        {
            await MessageSeeder.AddMessageAsync(app, account, ownerId, "Bob <bob@example.test>", $"Status {i}", Start.AddDays(i), "All quiet here.");
        }

        var filler = string.Concat(Enumerable.Repeat("Some words before the interesting part. ", 8));
        var id = await MessageSeeder.AddMessageAsync(app, account, ownerId, "Ann Lee <ann@example.test>", "Hello", Start.AddDays(10),
            filler + "The secret word for search testing is pineapplequokka.");

        await page.GotoAsync("/");
        await Expect(page.Locator("[data-row]")).ToHaveCountAsync(6);
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search mail" }).PressSequentiallyAsync("pineapplequo", new() { Delay = 40 });

        var row = page.Locator($"[data-message-id=\"{id}\"]");
        await Expect(page.Locator("[data-row]")).ToHaveCountAsync(1);
        await Expect(row.Locator("mark")).ToHaveTextAsync("pineapplequokka");
        await Expect(page.Locator("[data-search-count]")).ToHaveTextAsync("1 result");
        await page.WaitForURLAsync("**/?q=pineapplequo*");
        await session.ScreenshotAsync("search-results");

        await row.Locator("a").ClickAsync();
        await page.WaitForURLAsync($"**/messages/{id}?*");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hello" })).ToBeVisibleAsync();

        await page.GoBackAsync();
        await Expect(page.Locator("[data-row]")).ToHaveCountAsync(1);
        await Expect(page.Locator($"[data-message-id=\"{id}\"] mark")).ToHaveTextAsync("pineapplequokka");

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search mail" }).FillAsync("nosuchwordanywhere");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search mail" }).PressAsync("Enter");
        await Expect(page.Locator("[data-search-empty]")).ToContainTextAsync("“nosuchwordanywhere”");
        await session.ScreenshotAsync("search-empty");
    }
}
