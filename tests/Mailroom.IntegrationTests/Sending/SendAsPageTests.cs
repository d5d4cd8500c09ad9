using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mailroom.IntegrationTests.Sending;

/// <summary>Settings » Mail » Send Mail As in real Chromium, against the real Postfix (own server and Mailroom's relay) and Dovecot.</summary>
[Collection(BrowserTests.Collection)]
public sealed class SendAsPageTests(BrowserFixture browser, TestServers servers) : IClassFixture<TestServers>
{
    private readonly TestServers _servers = servers;

    [Fact]
    public async Task ReplyToCode_EmailedThroughTheRelay_IsEnteredInTheVerifyDialog_AndTheReplyToBecomesVerified()
    {
        var relay = await _servers.CreateMailboxAsync();
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).Configure(_servers, outbox.Path, relay);
        await app.StartAsync();
        var alice = await _servers.CreateMailboxAsync();
        var team = await _servers.CreateMailboxAsync();
        await using var session = await browser.NewSessionAsync(app);
        var page = session.Page;
        await session.SignUpAsync(TestUser.Create());

        await page.GotoAsync("/settings/mail/send-as/setup");
        await page.GetByLabel("Email address").FillAsync(alice.Address);
        await page.GetByLabel("Your name").FillAsync("Alice Example");
        await page.GetByLabel("My own SMTP server").CheckAsync();
        await page.GetByLabel("Outgoing server").FillAsync(_servers.GoodHost);
        await page.GetByLabel("Port").FillAsync(_servers.SubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Security").SelectOptionAsync(new SelectOptionValue { Label = "STARTTLS" });
        await page.GetByLabel("User name").FillAsync(alice.Address);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(alice.Password);
        await page.GetByLabel("Reply-To").FillAsync(team.Address);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Test succeeded" })).ToBeVisibleAsync();
        await Expect(page.GetByText("No message was sent.")).ToBeVisibleAsync();
        await session.ScreenshotAsync("send-as-setup-test-succeeded");

        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(alice.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/settings/mail/send-as");
        var row = page.Locator($"li[data-address='{alice.Address}']");
        await Expect(row.GetByText("Verified").First).ToBeVisibleAsync();
        await Expect(row.GetByText("Waiting for verification")).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync(team.Address);
        await session.ScreenshotAsync("send-as-list-waiting");

        var (codeMail, _) = Assert.Single(await SendingEnvironment.FetchAsync(_servers, team));
        var code = SendingEnvironment.CodeIn(codeMail);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Verify Reply-To {team.Address}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Confirmation code").FillAsync(code == "000000" ? "111111" : "000000");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("That code is not right. 4 tries left.");
        await session.ScreenshotAsync("send-as-verify-dialog-wrong-code");

        dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Confirmation code").FillAsync(code);
        await session.ScreenshotAsync("send-as-verify-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The Reply-To is verified." })).ToBeVisibleAsync();
        row = page.Locator($"li[data-address='{alice.Address}']");
        await Expect(row.GetByText("Waiting for verification")).ToHaveCountAsync(0);
        await Expect(row.GetByText("Verified")).ToHaveCountAsync(2);
        await session.ScreenshotAsync("send-as-list-verified");
        var leaks = app.Logs.Lines.Where(line => line.Contains(alice.Password, StringComparison.Ordinal) || line.Contains(code, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }
}
