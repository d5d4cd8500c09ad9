using System.Net;
using System.Net.Http.Json;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Reading;

/// <summary>Another user's message ids answer 404 everywhere: pages, frame, API, raw, attachments; and change nothing.</summary>
public abstract class MessageIsolationTests(MailroomAppFactory app)
{
    private static readonly byte[] WithAttachment = System.Text.Encoding.ASCII.GetBytes(
        "From: Alice <alice@example.test>\r\nSubject: Private\r\nDate: Tue, 3 Mar 2026 09:00:00 +0000\r\n" +
        "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>secret html</p>\r\n" +
        "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=secret.pdf\r\n\r\n%PDF\r\n--b--\r\n");

    [Fact]
    public async Task AnotherUsersMessage_IsNotFound_ThroughEveryPageAndEndpoint()
    {
        var owner = TestUser.Create("owner");
        var stranger = TestUser.Create("stranger");
        using var ownerPages = await PageSession.SignUpAsync(app, owner);
        var ownerId = await MessageSeeder.UserIdAsync(app, owner);
        var account = await MessageSeeder.AddAccountAsync(app, ownerId, "Owner's work");
        var id = await MessageSeeder.AddMessageAsync(app, account, ownerId, WithAttachment);
        using var strangerPages = await PageSession.SignUpAsync(app, stranger);
        using var strangerApi = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("stranger-api"));

        string[] pages = [$"messages/{id}", $"messages/{id}/body", $"messages/{id}/body?images=true", $"?account={account}",
            $"api/messages/{id}", $"api/messages/{id}/raw", $"api/messages/{id}/raw?download=true", $"api/messages/{id}/attachments/0",
            $"api/messages?account={account}"];
        foreach (var path in pages)
        {
            using var viaCookie = await strangerPages.GetAsync(new Uri(path, UriKind.Relative));
            using var viaBearer = await strangerApi.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(viaCookie.StatusCode == HttpStatusCode.NotFound, $"{path} (cookie) answered {(int)viaCookie.StatusCode}");
            Assert.True(viaBearer.StatusCode == HttpStatusCode.NotFound, $"{path} (bearer) answered {(int)viaBearer.StatusCode}");
        }

        // The owner, for contrast, sees every one of them.
        foreach (var path in pages)
        {
            using var own = await ownerPages.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(own.StatusCode == HttpStatusCode.OK, $"{path} (owner) answered {(int)own.StatusCode}");
        }
    }

    [Fact]
    public async Task AnotherUsersMessage_CannotBeMarkedOrListed()
    {
        var owner = TestUser.Create("owner");
        using var ownerApi = await ApiSession.CreateSignedInClientAsync(app, owner);
        var ownerId = await MessageSeeder.UserIdAsync(app, owner);
        var id = await MessageSeeder.AddMessageAsync(app, await MessageSeeder.AddAccountAsync(app, ownerId, "Work"), ownerId, WithAttachment);
        using var strangerApi = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create("stranger"));

        using var mark = await strangerApi.PostAsJsonAsync("api/messages/read-state", new { messageIds = new[] { id }, read = true });
        var strangersList = await strangerApi.GetFromJsonAsync<ListBody>("api/messages");
        var ownersList = await ownerApi.GetFromJsonAsync<ListBody>("api/messages");

        Assert.Equal(HttpStatusCode.OK, mark.StatusCode);
        Assert.Equal(0, (await mark.Content.ReadFromJsonAsync<UpdatedBody>())!.Updated);
        Assert.False(await MessageSeeder.IsReadAsync(app, id));
        Assert.Empty(strangersList!.Items);
        Assert.Equal([id], ownersList!.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Api_WithoutSignIn_AnswersUnauthorized()
    {
        using var anonymous = app.CreateHttpClient();

        using var list = await anonymous.GetAsync(new Uri("api/messages", UriKind.Relative));
        using var raw = await anonymous.GetAsync(new Uri("api/messages/1/raw", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, raw.StatusCode);
    }

    private sealed record ListBody(IReadOnlyList<ListItem> Items);

    private sealed record ListItem(long Id);

    private sealed record UpdatedBody(int Updated);
}

public sealed class MessageIsolationTestsOnSqlite(SqliteApp app) : MessageIsolationTests(app), IClassFixture<SqliteApp>;

public sealed class MessageIsolationTestsOnPostgres(PostgresApp app) : MessageIsolationTests(app), IClassFixture<PostgresApp>;
