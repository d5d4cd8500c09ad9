using System.Net;
using System.Net.Http.Json;
using System.Text;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Reading;

/// <summary>The JSON API for reading mail: cursor paging by sent date, search, one message, raw, attachments, read state.</summary>
public abstract class MessagesApiTests(MailroomAppFactory app)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task List_WalksEveryMessageNewestSentFirst_ByCursor_AndBackAgain()
    {
        var (client, ownerId) = await SignInAsync();
        var account = await MessageSeeder.AddAccountAsync(app, ownerId, "Work");
        var expected = new List<long>();
        foreach (var day in new[] { 3, 1, 6, 2, 5, 4, 0 })
        {
            expected.Add(await MessageSeeder.AddMessageAsync(app, account, ownerId, "a@example.test", $"Day {day}", Start.AddDays(day)));
        }

        var pages = new List<ListBody>();
        var page = await client.GetFromJsonAsync<ListBody>($"api/messages?account={account}&limit=3");
        pages.Add(page!);
        while (page!.Older is { } older)
        {
            page = await client.GetFromJsonAsync<ListBody>($"api/messages?account={account}&limit=3&after={Uri.EscapeDataString(older)}");
            pages.Add(page!);
        }

        var back = await client.GetFromJsonAsync<ListBody>($"api/messages?account={account}&limit=3&before={Uri.EscapeDataString(pages[^1].Newer!)}");

        Assert.Equal(["Day 6", "Day 5", "Day 4", "Day 3", "Day 2", "Day 1", "Day 0"], pages.SelectMany(p => p.Items).Select(i => i.Subject));
        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Count));
        Assert.Null(pages[0].Newer);
        Assert.Equal(pages[1].Items.Select(i => i.Id), back!.Items.Select(i => i.Id));
    }

    [Theory]
    [InlineData("after=garbage")]
    [InlineData("before=12-zz")]
    public async Task List_WithABadCursor_IsABadRequest(string query)
    {
        var (client, _) = await SignInAsync();

        using var response = await client.GetAsync(new Uri($"api/messages?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task List_Search_MatchesSenderRecipientOrSubject_InOneAccountOrAllMail()
    {
        var (client, ownerId) = await SignInAsync();
        var work = await MessageSeeder.AddAccountAsync(app, ownerId, "Work");
        var home = await MessageSeeder.AddAccountAsync(app, ownerId, "Home");
        await MessageSeeder.AddMessageAsync(app, work, ownerId, "Alice Archer <alice@example.test>", "Invoice March", Start);
        await MessageSeeder.AddMessageAsync(app, work, ownerId, "Bob <bob@example.test>", "Lunch", Start.AddDays(1));
        await MessageSeeder.AddMessageAsync(app, home, ownerId, "Alice Archer <alice@example.test>", "Holiday photos", Start.AddDays(2));

        var aliceEverywhere = await client.GetFromJsonAsync<ListBody>("api/messages?q=from%3Aalice");
        var aliceAtWork = await client.GetFromJsonAsync<ListBody>($"api/messages?q=ARCHER&account={work}");
        var invoice = await client.GetFromJsonAsync<ListBody>("api/messages?q=invoice%20march");

        Assert.Equal(["Holiday photos", "Invoice March"], aliceEverywhere!.Items.Select(i => i.Subject));
        Assert.Equal(["Invoice March"], aliceAtWork!.Items.Select(i => i.Subject));
        Assert.Equal(["Invoice March"], invoice!.Items.Select(i => i.Subject));
    }

    [Fact]
    public async Task List_ShowsSentMailOnlyWhenTheSentFolderIsAskedFor()
    {
        var (client, ownerId) = await SignInAsync();
        var work = await MessageSeeder.AddAccountAsync(app, ownerId, "Work");
        var home = await MessageSeeder.AddAccountAsync(app, ownerId, "Home");
        await MessageSeeder.AddMessageAsync(app, work, ownerId, "Alice <alice@example.test>", "Received at work", Start);
        await MessageSeeder.AddMessageAsync(app, home, ownerId, "Mum <mum@example.test>", "Received at home", Start.AddDays(1));
        await MessageSeeder.AddSentMessageAsync(app, work, ownerId, "alice@example.test", "Sent from work", Start.AddDays(2));
        await MessageSeeder.AddSentMessageAsync(app, home, ownerId, "mum@example.test", "Sent from home", Start.AddDays(3));

        var inbox = await client.GetFromJsonAsync<ListBody>("api/messages");
        var inboxByName = await client.GetFromJsonAsync<ListBody>("api/messages?folder=inbox");
        var workInbox = await client.GetFromJsonAsync<ListBody>($"api/messages?account={work}");
        var sent = await client.GetFromJsonAsync<ListBody>("api/messages?folder=sent");
        var workSent = await client.GetFromJsonAsync<ListBody>($"api/messages?account={work}&folder=sent");
        var workSentSearch = await client.GetFromJsonAsync<ListBody>($"api/messages?account={work}&folder=sent&q=to%3Aalice");

        Assert.Equal(["Received at home", "Received at work"], inbox!.Items.Select(i => i.Subject));
        Assert.Equal(["Received at home", "Received at work"], inboxByName!.Items.Select(i => i.Subject));
        Assert.Equal(["Received at work"], workInbox!.Items.Select(i => i.Subject));
        Assert.Equal(["Sent from home", "Sent from work"], sent!.Items.Select(i => i.Subject));
        Assert.Equal(["Sent from work"], workSent!.Items.Select(i => i.Subject));
        Assert.Equal(["Sent from work"], workSentSearch!.Items.Select(i => i.Subject));
    }

    [Fact]
    public async Task List_WithAnUnknownFolder_IsABadRequest()
    {
        var (client, _) = await SignInAsync();

        using var response = await client.GetAsync(new Uri("api/messages?folder=trash", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Get_GivesHeadersSanitisedHtmlTextAndAttachments()
    {
        var (client, ownerId) = await SignInAsync();
        var account = await MessageSeeder.AddAccountAsync(app, ownerId, "Work");
        var id = await MessageSeeder.AddMessageAsync(app, account, ownerId, Encoding.UTF8.GetBytes(
            "From: Alice <alice@example.test>\r\nTo: Bob <bob@example.test>\r\nCc: carol@example.test\r\nReply-To: desk@example.test\r\n" +
            "Subject: Report\r\nDate: Tue, 3 Mar 2026 09:00:00 +0000\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n" +
            "--m\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\nPlain report\r\n" +
            "--a\r\nContent-Type: text/html\r\n\r\n<p onclick=\"x()\">Rich <b>report</b></p><script>x()</script><img src=\"https://t.example/p.gif\">\r\n--a--\r\n" +
            "--m\r\nContent-Type: text/html; name=\"../../evil.html\"\r\nContent-Disposition: attachment; filename=\"../../evil.html\"\r\n\r\n<script>alert(1)</script>\r\n--m--\r\n"));

        var message = await client.GetFromJsonAsync<MessageBody>($"api/messages/{id}");

        Assert.Equal("Report", message!.Subject);
        Assert.Equal("alice@example.test", Assert.Single(message.From).Email);
        Assert.Equal("Bob", Assert.Single(message.To).Name);
        Assert.Equal("carol@example.test", Assert.Single(message.Cc).Email);
        Assert.Equal("desk@example.test", Assert.Single(message.ReplyTo).Email);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero), message.SentAt);
        Assert.Contains("Plain report", message.Text, StringComparison.Ordinal);
        Assert.Contains("<b>report</b>", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("script", message.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", message.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("t.example", message.Html, StringComparison.Ordinal);
        Assert.Equal(1, message.BlockedRemoteResources);
        var attachment = Assert.Single(message.Attachments);
        Assert.Equal("evil.html", attachment.FileName);
        Assert.Equal("text/html", attachment.ContentType);

        using var download = await client.GetAsync(new Uri(attachment.Url.TrimStart('/'), UriKind.Relative));
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("evil.html", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("sandbox", Assert.Single(download.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script>", (await download.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task BodyFrame_IsServedUnderAStrictSandboxingPolicy()
    {
        var user = TestUser.Create("frame");
        using var pages = await PageSession.SignUpAsync(app, user);
        var ownerId = await MessageSeeder.UserIdAsync(app, user);
        var account = await MessageSeeder.AddAccountAsync(app, ownerId, "Work");
        var id = await MessageSeeder.AddMessageAsync(app, account, ownerId, Encoding.UTF8.GetBytes(
            "Subject: x\r\nContent-Type: text/html\r\n\r\n<p>Hi</p><img src=\"https://t.example/p.gif\">\r\n"));

        using var blocked = await pages.GetAsync(new Uri($"messages/{id}/body", UriKind.Relative));
        using var shown = await pages.GetAsync(new Uri($"messages/{id}/body?images=true", UriKind.Relative));
        var blockedPolicy = Assert.Single(blocked.Headers.GetValues("Content-Security-Policy"));
        var shownPolicy = Assert.Single(shown.Headers.GetValues("Content-Security-Policy"));

        Assert.StartsWith("default-src 'none';", blockedPolicy, StringComparison.Ordinal);
        Assert.Contains("img-src data:;", blockedPolicy, StringComparison.Ordinal);
        Assert.Contains("sandbox allow-popups allow-popups-to-escape-sandbox", blockedPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("allow-scripts", blockedPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("allow-same-origin", blockedPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", blockedPolicy, StringComparison.Ordinal);
        Assert.Contains("img-src data: https: http:;", shownPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("t.example", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("https://t.example/p.gif", await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadState_MarksSeveral_AndUnreadCountsFollow()
    {
        var (client, ownerId) = await SignInAsync();
        var work = await MessageSeeder.AddAccountAsync(app, ownerId, "Work");
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await MessageSeeder.AddMessageAsync(app, work, ownerId, "a@example.test", $"M{i}", Start.AddHours(i)));
        }

        var before = await client.GetFromJsonAsync<CountsBody>("api/messages/unread-counts");
        using var read = await client.PostAsJsonAsync("api/messages/read-state", new { messageIds = ids.Take(2), read = true });
        var afterRead = await client.GetFromJsonAsync<CountsBody>("api/messages/unread-counts");
        using var unread = await client.PostAsJsonAsync("api/messages/read-state", new { messageIds = new[] { ids[0] }, read = false });
        var afterUnread = await client.GetFromJsonAsync<CountsBody>("api/messages/unread-counts");
        using var empty = await client.PostAsJsonAsync("api/messages/read-state", new { messageIds = Array.Empty<long>(), read = true });

        Assert.Equal(3, before!.Total);
        Assert.Equal(2, (await read.Content.ReadFromJsonAsync<UpdatedBody>())!.Updated);
        Assert.Equal(1, afterRead!.Total);
        Assert.Equal(1, Assert.Single(afterRead.Accounts).Unread);
        Assert.Equal(2, afterUnread!.Total);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.False(await MessageSeeder.IsReadAsync(app, ids[0]));
        Assert.True(await MessageSeeder.IsReadAsync(app, ids[1]));
    }

    private async Task<(HttpClient Client, string OwnerId)> SignInAsync()
    {
        var user = TestUser.Create("api");
        var client = await ApiSession.CreateSignedInClientAsync(app, user);
        return (client, await MessageSeeder.UserIdAsync(app, user));
    }

    private sealed record ListBody(IReadOnlyList<ListItem> Items, string? Older, string? Newer);

    private sealed record ListItem(long Id, string Subject);

    private sealed record AddressBody(string Name, string Email);

    private sealed record AttachmentBody(int Index, string FileName, string ContentType, long Size, string Url);

    private sealed record MessageBody(
        string Subject, IReadOnlyList<AddressBody> From, IReadOnlyList<AddressBody> To, IReadOnlyList<AddressBody> Cc,
        IReadOnlyList<AddressBody> ReplyTo, DateTimeOffset SentAt, string? Text, string? Html, int BlockedRemoteResources,
        IReadOnlyList<AttachmentBody> Attachments);

    private sealed record CountsBody(int Total, IReadOnlyList<AccountCount> Accounts);

    private sealed record AccountCount(Guid AccountId, int Unread);

    private sealed record UpdatedBody(int Updated);
}

public sealed class MessagesApiTestsOnSqlite(SqliteApp app) : MessagesApiTests(app), IClassFixture<SqliteApp>;

public sealed class MessagesApiTestsOnPostgres(PostgresApp app) : MessagesApiTests(app), IClassFixture<PostgresApp>;
