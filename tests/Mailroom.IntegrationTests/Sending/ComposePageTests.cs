using System.Text;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Mailroom.Messages;
using Mailroom.Network;
using Mailroom.SenderAddresses;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Mailroom.IntegrationTests.Sending;

/// <summary>Compose, Reply and a refused send in real Chromium, delivered through the real Postfix into Dovecot.</summary>
[Collection(BrowserTests.Collection)]
public sealed class ComposePageTests(BrowserFixture browser, TestServers servers) : IClassFixture<TestServers>
{
    [Fact]
    public async Task Reply_IsPrefilledFromTheStoredMessage_AndArrivesThreaded()
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).Configure(servers, outbox.Path);
        await app.StartAsync();
        var alice = await servers.CreateMailboxAsync();
        var bob = await servers.CreateMailboxAsync();
        await using var session = await browser.NewSessionAsync(app);
        var user = TestUser.Create();
        await session.SignUpAsync(user);
        var original = await SeedInboxMessageAsync(app, user, alice, bob);
        await SaveOwnServerAddressAsync(app, user, alice);

        await session.Page.GotoAsync($"/compose?replyTo={original}&mode=reply");
        await Expect(session.Page.GetByLabel("To", new() { Exact = true })).ToHaveValueAsync($"\"Bob Sender\" <{bob.Address}>");
        await Expect(session.Page.GetByLabel("Subject")).ToHaveValueAsync("Re: Lunch on Friday?");
        await Expect(session.Page.GetByLabel("Message")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Bob Sender <.*> wrote:\n> Shall we meet at noon\\?"));
        await session.Page.GetByLabel("Message").PressAsync("Control+Home");
        await session.Page.GetByLabel("Message").PressSequentiallyAsync("Noon works.");
        await session.ScreenshotAsync("compose-reply");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(session.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Message sent.");
        var (received, _) = Assert.Single(await SendingEnvironment.FetchAsync(servers, bob));
        Assert.Equal("Re: Lunch on Friday?", received.Subject);
        Assert.Equal("lunch-1@sender.example", received.InReplyTo);
        Assert.StartsWith("Noon works.", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("> Shall we meet at noon?", received.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedPassword_IsExplainedAtOnce_WithALinkToUpdateIt_AndTheDraftStaysWithItsAttachment()
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).Configure(servers, outbox.Path);
        await app.StartAsync();
        var alice = await servers.CreateMailboxAsync();
        var carol = await servers.CreateMailboxAsync();
        await using var session = await browser.NewSessionAsync(app);
        var user = TestUser.Create();
        await session.SignUpAsync(user);
        var addressId = await SaveOwnServerAddressAsync(app, user, alice);
        await alice.ChangePasswordAsync();
        var page = session.Page;

        await page.GotoAsync("/compose");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync(carol.Address);
        await page.GetByLabel("Subject").FillAsync("Report");
        await page.GetByLabel("Message").FillAsync("Please find the report attached.");
        await page.GetByLabel("Attachments").SetInputFilesAsync(new FilePayload { Name = "report.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("numbers") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("Not sent: Authentication failed");
        await Expect(alert).ToContainTextAsync("the saved SMTP password is probably outdated");
        await Expect(alert.GetByRole(AriaRole.Link, new() { Name = "Update the saved SMTP password" })).ToHaveAttributeAsync("href", $"/settings/mail/send-as/{addressId}/edit#password");
        await Expect(page.GetByLabel("Subject")).ToHaveValueAsync("Report");
        await Expect(page.GetByLabel("Message")).ToHaveValueAsync("Please find the report attached.");
        Assert.Equal(1, await page.GetByLabel("Attachments").EvaluateAsync<int>("input => input.files.length"));
        await session.ScreenshotAsync("compose-refused-password");

        await page.GotoAsync("/settings/mail/send-as");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("it is probably outdated");
        await session.ScreenshotAsync("send-as-broken-password");
        Assert.Equal(0, carol.CountServerMessages());
    }

    [Fact]
    public async Task Send_ReturnsToThePageTheUserCameFrom_AndUndoWithinTheDelayBringsTheMessageBack_WithNothingSent()
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).Configure(servers, outbox.Path)
            .WithSetting("Mailroom:Sending:UndoDelay", "00:00:08");
        await app.StartAsync();
        var alice = await servers.CreateMailboxAsync();
        var carol = await servers.CreateMailboxAsync();
        await using var session = await browser.NewSessionAsync(app);
        var user = TestUser.Create();
        await session.SignUpAsync(user);
        await SaveOwnServerAddressAsync(app, user, alice);
        var page = session.Page;

        await page.GotoAsync("/?folder=sent");
        await page.GetByRole(AriaRole.Link, new() { Name = "New message" }).ClickAsync();
        await page.GetByLabel("To", new() { Exact = true }).FillAsync(carol.Address);
        await page.GetByLabel("Subject").FillAsync("Report");
        await page.GetByLabel("Message").FillAsync("Please find the report attached.");
        await page.GetByLabel("Attachments").SetInputFilesAsync(new FilePayload { Name = "report.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("numbers") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        var banner = page.Locator("[data-send-banner]");
        await Expect(banner).ToContainTextAsync("Message sent.");
        Assert.EndsWith("/?folder=sent", page.Url, StringComparison.Ordinal);
        await session.ScreenshotAsync("send-banner-undo");
        await banner.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();

        await Expect(page.GetByLabel("Subject")).ToHaveValueAsync("Report");
        await Expect(page.GetByLabel("To", new() { Exact = true })).ToHaveValueAsync(carol.Address);
        await Expect(page.GetByLabel("Message")).ToHaveValueAsync("Please find the report attached.");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Attach these files again before sending: report.txt");
        await session.ScreenshotAsync("compose-after-undo");

        // Past the undo window and a few queue ticks: the undone message never went out.
        await Task.Delay(TimeSpan.FromSeconds(10));
        Assert.Equal(0, carol.CountServerMessages());
        var state = await app.WithDbContextAsync(db => db.QueuedMessages.Select(m => m.State).SingleAsync());
        Assert.Equal(Mailroom.Sending.Queue.QueuedMessageState.Cancelled, state);
    }

    /// <summary>An own-server address saved through the engine (the page flow itself is covered by SendAsPageTests).</summary>
    private async Task<Guid> SaveOwnServerAddressAsync(MailroomAppFactory app, TestUser user, MailboxUser mailbox)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var ownerId = await OwnerIdAsync(app, user);
        var accountId = await app.WithDbContextAsync(db => Task.FromResult(db.Pop3Accounts.Where(a => a.OwnerId == ownerId).Select(a => (Guid?)a.Id).FirstOrDefault()));
        var result = await scope.ServiceProvider.GetRequiredService<SenderAddressService>().SaveAsync(ownerId, null, new SenderAddressInput
        {
            Address = mailbox.Address,
            DisplayName = "Alice Example",
            AccountId = accountId,
            Route = SendingRoute.OwnServer,
            SmtpHost = servers.GoodHost,
            SmtpPort = servers.SubmissionPort,
            SmtpSecurity = MailTransportSecurity.StartTls,
            SmtpUserName = mailbox.Address,
            SmtpPassword = mailbox.Password,
        }, new Uri(app.BaseUrl + "/send-as/confirm"), CancellationToken.None);
        Assert.Equal(SenderAddressSaveStatus.Saved, result.Status);
        return result.Address!.Id;
    }

    /// <summary>A message as the fetcher would have stored it in a POP3 account of the user's.</summary>
    private static async Task<long> SeedInboxMessageAsync(MailroomAppFactory app, TestUser user, MailboxUser account, MailboxUser from)
    {
        var ownerId = await OwnerIdAsync(app, user);
        var message = new MimeMessage { Subject = "Lunch on Friday?", MessageId = "lunch-1@sender.example", Date = new DateTimeOffset(2026, 11, 26, 11, 0, 0, TimeSpan.Zero) };
        message.From.Add(new MailboxAddress("Bob Sender", from.Address));
        message.To.Add(new MailboxAddress("Alice Example", account.Address));
        message.Body = new TextPart("plain") { Text = "Shall we meet at noon?\n" };
        using var bytes = new MemoryStream();
        await message.WriteToAsync(bytes);
        var raw = bytes.ToArray();
        return await app.WithDbContextAsync(async db =>
        {
            var pop3 = new Mailroom.Accounts.Pop3Account
            {
                OwnerId = ownerId,
                DisplayName = "Work",
                EmailAddress = account.Address,
                Host = "pop.example.test",
                Port = 995,
                UseSsl = true,
                UserName = account.Address,
                ProtectedPassword = "",
                CreatedAt = TimeProvider.System.GetUtcNow(),
            };
            db.Pop3Accounts.Add(pop3);
            var stored = MessageSummaryParser.Parse(raw, TimeProvider.System.GetUtcNow()).ToStoredMessage(pop3.Id, ownerId, MailFolder.Inbox, raw, TimeProvider.System.GetUtcNow());
            db.Messages.Add(stored);
            await db.SaveChangesAsync();
            return stored.Id;
        });
    }

    private static Task<string> OwnerIdAsync(MailroomAppFactory app, TestUser user) =>
        app.WithDbContextAsync(db => Task.FromResult(db.Users.Single(u => u.Email == user.Email).Id));
}
