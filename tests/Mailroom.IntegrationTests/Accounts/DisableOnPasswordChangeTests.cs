using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Mailroom.IntegrationTests.Accounts;

/// <summary>
/// The seed's story end to end with background fetching: the mailbox password changes behind Mailroom's back, the
/// account ends disabled after the threshold with the reason shown and an email to the user; saving the corrected
/// (tested) password re-enables the account and fetching resumes at once.
/// </summary>
[Collection(BrowserTests.Collection)]
public sealed class DisableOnPasswordChangeTests(BrowserFixture browser)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PasswordChangedOnTheServer_DisablesAfterThreeRefusals_AndSavingTheTestedNewPasswordRestoresFetching(DatabaseKind kind)
    {
        await using var app = new AccountsApp(kind, fetching: true);
        await app.StartAsync();
        var mailbox = await app.Servers.CreateMailboxAsync();
        await mailbox.DropSampleMessagesAsync(1);
        var user = TestUser.Create();
        using var api = await ApiSession.CreateSignedInClientAsync(app, user);
        using var created = await api.PostAsJsonAsync("api/accounts", Request(mailbox, mailbox.Password, app.Servers.Pop3sPort));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await WaitForAsync(api, id, account => account.GetProperty("messageCount").GetInt32() == 1, "the first fetch");

        await mailbox.ChangePasswordAsync($"changed-{Guid.NewGuid():N}");
        var disabled = await WaitForAsync(api, id, account => account.GetProperty("status").GetString() == "disabled", "the account to be disabled");

        var reason = disabled.GetProperty("statusReason").GetString();
        Assert.Contains("3 failed sign-ins", reason, StringComparison.Ordinal);
        var notice = await WaitForNoticeAsync(app.OutboxDirectory);
        var message = await MimeMessage.LoadAsync(notice);
        Assert.Equal(user.Email, message.To.Mailboxes.Single().Address);
        Assert.Contains("Work", message.Subject, StringComparison.Ordinal);

        await using (var session = await browser.NewSessionAsync(app))
        {
            await session.SignInAsync(user);
            var pane = session.Page.GetByRole(AriaRole.Navigation, new() { Name = "Mailboxes" });
            await Expect(pane.Locator("[data-account-status=disabled]")).ToContainTextAsync("3 failed sign-ins");
            await session.Page.GotoAsync("/settings/mail/accounts");
            await Expect(session.Page.Locator($"[data-account-id='{id}']")).ToContainTextAsync("Disabled");
            await Expect(session.Page.Locator($"[data-account-id='{id}']")).ToContainTextAsync("3 failed sign-ins");
            await session.ScreenshotAsync($"accounts-disabled-after-password-change-{kind}");
        }

        await mailbox.DropSampleMessagesAsync(1);
        using var updated = await api.PutAsJsonAsync($"api/accounts/{id}", Request(mailbox, mailbox.Password, app.Servers.Pop3sPort));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        // The corrected password passed its test on save: no separate Enable is needed.
        Assert.NotEqual("disabled", (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var restored = await WaitForAsync(api, id, account => account.GetProperty("messageCount").GetInt32() == 2, "fetching to resume");
        Assert.NotEqual("disabled", restored.GetProperty("status").GetString());
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(mailbox.Password, StringComparison.Ordinal));
    }

    private static object Request(MailboxUser mailbox, string password, int port) => new
    {
        displayName = "Work",
        emailAddress = mailbox.Address,
        host = "127.0.0.1",
        port,
        useSsl = true,
        userName = mailbox.Address,
        password,
    };

    /// <summary>The notice is sent just after the account is disabled, so it may trail the state by a moment.</summary>
    private static async Task<string> WaitForNoticeAsync(string outbox) => Assert.Single(await Eventually.ReachedAsync(
        () => Task.FromResult(Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml") : []),
        files => files.Length > 0,
        TimeSpan.FromSeconds(10), "the notice in the outbox", files => $"{files.Length} files"));

    private static async Task<JsonElement> WaitForAsync(HttpClient api, Guid id, Func<JsonElement, bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime + Patience;
        JsonElement account;
        do
        {
            account = await api.GetFromJsonAsync<JsonElement>($"api/accounts/{id}");
            if (condition(account))
            {
                return account;
            }

            await Task.Delay(250);
        }
        while (TimeProvider.System.GetUtcNow().UtcDateTime < deadline);

        throw new TimeoutException($"Waited {Patience} for {what}; the account is now {account}.");
    }
}
