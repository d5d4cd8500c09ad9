using System.Globalization;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.Web.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mailroom.IntegrationTests.Users;

[Collection(BrowserTests.Collection)]
public abstract class LockoutTests(MailroomAppFactory app, BrowserFixture browser)
{
    private const string MismatchMessage = "That email and password don't match.";

    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysEmailAndPasswordDontMatch()
    {
        var user = TestUser.Create();
        await ApiSession.RegisterAsync(app, user);
        await using var session = await browser.NewSessionAsync(app);

        await session.SubmitSignInAsync(user.Email, "Wrong password 1");

        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(MismatchMessage);
        await Expect(session.Page).ToHaveURLAsync(new Uri(app.BaseAddress, "sign-in").ToString());
    }

    [Fact]
    public async Task SignIn_WithAnUnknownEmail_SaysTheSameAsAWrongPassword()
    {
        await using var session = await browser.NewSessionAsync(app);

        await session.SubmitSignInAsync($"nobody-{Guid.NewGuid():N}@example.test", "Some password 1");

        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(MismatchMessage);
    }

    [Fact]
    public async Task SignIn_AfterFiveWrongPasswords_LocksTheAccountAndSaysUntilWhen_EvenForTheRightPassword()
    {
        var user = TestUser.Create();
        await ApiSession.RegisterAsync(app, user);
        await using var session = await browser.NewSessionAsync(app);
        var alert = session.Page.GetByRole(AriaRole.Alert);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await session.SubmitSignInAsync(user.Email, $"Wrong password {attempt}");
            await Expect(alert).ToHaveTextAsync(MismatchMessage);
        }

        await session.SubmitSignInAsync(user.Email, "Wrong password 5");

        // The lockout belongs to this client address and account (the browser is on 127.0.0.1), not to the account alone.
        var userId = await app.WithDbContextAsync(db => db.Users.Where(u => u.Email == user.Email).Select(u => u.Id).SingleAsync());
        var lockedUntil = app.Services.GetRequiredService<SignInLockouts>().LockedUntil("127.0.0.1", userId);
        Assert.NotNull(lockedUntil);
        // The browser runs in UTC (BrowserFixture), so the local time the page shows is the UTC time, rounded up to
        // the minute: at the minute shown the account must no longer be locked.
        var end = lockedUntil.Value.ToUniversalTime();
        var shown = end.AddTicks(-(end.Ticks % TimeSpan.TicksPerMinute));
        shown = shown < end ? shown.AddMinutes(1) : shown;
        // A lockout that ends after midnight ends tomorrow, and the page says which day (en-GB, as the browser).
        var clock = shown.ToString("HH:mm", CultureInfo.InvariantCulture);
        var at = shown.Date == TimeProvider.System.GetUtcNow().UtcDateTime.Date
            ? clock
            : $"{shown.ToString("d MMM", CultureInfo.GetCultureInfo("en-GB"))}, {clock}";
        var expected = $"Too many failed attempts — your account is locked for 15 minutes. Try again at {at}.";
        await Expect(alert).ToHaveTextAsync(expected);
        await session.ScreenshotAsync($"sign-in-locked-out-{app.DatabaseKind}");

        await session.SubmitSignInAsync(user.Email, user.Password);
        await Expect(alert).ToHaveTextAsync(expected);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains("Wrong password", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(user.Password, StringComparison.Ordinal));
    }
}

public sealed class LockoutTestsOnSqlite(SqliteApp app, BrowserFixture browser)
    : LockoutTests(app, browser), IClassFixture<SqliteApp>;

public sealed class LockoutTestsOnPostgres(PostgresApp app, BrowserFixture browser)
    : LockoutTests(app, browser), IClassFixture<PostgresApp>;
