using Microsoft.Playwright;

namespace Mailroom.IntegrationTests.Hosting;

/// <summary>
/// One headless Debian Chromium per test collection (launching costs ~3 s); each test gets a fresh context
/// (own cookies and storage) from <see cref="NewSessionAsync"/>. Nothing is downloaded: Playwright ships its driver.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("MAILROOM_TEST_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        // Expect() polls until its timeout; 5 s (the default) is too short for a loaded two-core CI machine.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A new browser context on <paramref name="app"/> with a laptop-sized viewport (1280x800 unless given), in UTC unless a zone is given.</summary>
    public async Task<BrowserSession> NewSessionAsync(MailroomAppFactory app, ViewportSize? viewport = null, string timeZone = "UTC")
    {
        ArgumentNullException.ThrowIfNull(app);
        var browser = _browser ?? throw new InvalidOperationException("The browser fixture has not started.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-GB",
            TimezoneId = timeZone,
        });
        // Generous: the whole suite shares two cores with real servers and crash-test processes, and a sign-in
        // (PBKDF2 plus a PostgreSQL round trip) once took over 15 s under that load. A passing step waits no longer.
        context.SetDefaultTimeout(45_000);
        context.SetDefaultNavigationTimeout(45_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
