using Mailroom.IntegrationTests.Hosting;
using Microsoft.Playwright;

namespace Mailroom.IntegrationTests.Reading;

/// <summary>
/// Every message of the hostile-HTML corpus, opened through the UI in real Chromium. Each payload tries to set
/// <c>window.top.__pwned</c> and to call <c>alert</c>, or to reach evil.test. The test proves that no script ran
/// (sentinel unset in every frame, no dialog), that nothing left for another host before "Show images", and that
/// "Show images" then loads images and nothing else.
/// </summary>
[Collection(BrowserTests.Collection)]
public sealed class HostileHtmlTests(BrowserFixture browser, HostileCorpusApp corpus) : IClassFixture<HostileCorpusApp>
{
    private const string SentinelCheck =
        "() => { const own = typeof window.__pwned !== 'undefined'; try { return own || typeof window.top.__pwned !== 'undefined'; } catch { return own; } }";

    public static TheoryData<string> Messages() => [.. Corpus.Names("Hostile")];

    [Fact]
    public void Corpus_HasAtLeastFortyHostileMessages() => Assert.True(Corpus.Names("Hostile").Count >= 40);

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task HostileMessage_RunsNoScript_AndReachesNoOtherHostUntilShowImages(string name)
    {
        var id = corpus.Ids[name];
        await using var session = await browser.NewSessionAsync(corpus.App);
        var page = session.Page;
        var appAuthority = new Uri(corpus.App.BaseUrl).Authority;
        var outside = new List<(string Url, string Type)>();
        var dialogs = new List<string>();
        var popups = new List<string>();
        await session.Context.RouteAsync("**/*", async route =>
        {
            if (Uri.TryCreate(route.Request.Url, UriKind.Absolute, out var url) && url.Authority == appAuthority)
            {
                await route.ContinueAsync();
                return;
            }

            // Never let it out: answer every outside request here, as an image, so that a loaded image is visible.
            lock (outside)
            {
                outside.Add((route.Request.Url, route.Request.ResourceType));
            }

            await route.FulfillAsync(new() { Status = 200, ContentType = "image/png", BodyBytes = SampleMailbox.Png });
        });
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        session.Context.Page += (_, popup) => popups.Add(popup.Url);
        await corpus.SignInAsync(session);

        await page.GotoAsync($"/messages/{id}", new() { WaitUntil = WaitUntilState.Load });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Hostile");
        await page.WaitForTimeoutAsync(300);   // time for timers, meta refresh and lazy loads to fire if they could

        await AssertNothingRanAsync(page, dialogs, popups, name);
        Assert.True(outside.Count == 0, $"{name}: before Show images, requests left for {string.Join(", ", outside.Select(o => o.Url))}");
        var messageFrames = page.Frames.Where(f => f != page.MainFrame).ToList();
        Assert.True(messageFrames.Count <= 1, $"{name}: {messageFrames.Count} frames; the mail must not create its own");
        Assert.All(messageFrames, f => Assert.EndsWith($"/messages/{id}/body", f.Url, StringComparison.Ordinal));

        var showImages = page.GetByRole(AriaRole.Link, new() { Name = "Show images" });
        if (await showImages.CountAsync() > 0)
        {
            await showImages.ClickAsync();
            await page.WaitForURLAsync($"**/messages/{id}?images=true", new() { WaitUntil = WaitUntilState.Load });
            await page.WaitForTimeoutAsync(300);

            await AssertNothingRanAsync(page, dialogs, popups, name);
            lock (outside)
            {
                Assert.True(outside.Count > 0, $"{name}: Show images was offered but loaded nothing");
                Assert.True(outside.All(o => o.Type == "image"), $"{name}: Show images loaded more than images: " +
                    string.Join(", ", outside.Where(o => o.Type != "image").Select(o => $"{o.Type} {o.Url}")));
            }
        }

        if (name.StartsWith("01-", StringComparison.Ordinal) || name.Contains("remote-tracker", StringComparison.Ordinal))
        {
            await session.ScreenshotAsync($"hostile-{name}");
        }
    }

    private static async Task AssertNothingRanAsync(IPage page, List<string> dialogs, List<string> popups, string name)
    {
        Assert.True(dialogs.Count == 0, $"{name}: a dialog opened: {string.Join(", ", dialogs)}");
        Assert.True(popups.Count == 0, $"{name}: a window opened: {string.Join(", ", popups)}");
        Assert.False(await page.MainFrame.EvaluateAsync<bool>(SentinelCheck), $"{name}: the sentinel was set in the app's page");
        foreach (var frame in page.Frames.Where(f => f != page.MainFrame))
        {
            bool pwned;
            try
            {
                pwned = await frame.EvaluateAsync<bool>(SentinelCheck);
            }
            catch (PlaywrightException)
            {
                // The sandbox gives the frame no script context at all: nothing could have run in it.
                pwned = false;
            }

            Assert.False(pwned, $"{name}: the sentinel was set in frame {frame.Url}");
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

/// <summary>One app for the whole corpus: a user with every hostile message stored in one account.</summary>
public sealed class HostileCorpusApp : IAsyncLifetime
{
    public MailroomAppFactory App { get; } = new(DatabaseKind.Sqlite);

    public TestUser User { get; } = TestUser.Create("hostile");

    public Dictionary<string, long> Ids { get; } = [];

    private IReadOnlyList<BrowserContextCookiesResult>? _cookies;

    /// <summary>Signs in through the form once, then hands the same session cookie to every later browser context.</summary>
    public async Task SignInAsync(BrowserSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_cookies is null)
        {
            await session.SignInAsync(User);
            _cookies = await session.Context.CookiesAsync();
            return;
        }

        await session.Context.AddCookiesAsync(_cookies.Select(c => new Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Domain = c.Domain,
            Path = c.Path,
            HttpOnly = c.HttpOnly,
            Secure = c.Secure,
            SameSite = c.SameSite,
        }));
    }

    public async Task InitializeAsync()
    {
        await App.StartAsync();
        await ApiSession.RegisterAsync(App, User);
        var ownerId = await MessageSeeder.UserIdAsync(App, User);
        var account = await MessageSeeder.AddAccountAsync(App, ownerId, "Inbox");
        foreach (var name in Corpus.Names("Hostile"))
        {
            Ids[name] = await MessageSeeder.AddMessageAsync(App, account, ownerId, Corpus.Read("Hostile", name));
        }
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
