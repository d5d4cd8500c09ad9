using System.Net;
using System.Net.Http.Json;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Reading;

/// <summary>
/// Every message of the malformed-MIME corpus lists, opens (page, frame, API) without an error page, and
/// Show original gives back exactly the bytes that were stored.
/// </summary>
public abstract class MalformedMimeTests(MailroomAppFactory app)
{
    [Fact]
    public async Task EveryMalformedMessage_ListsOpensAndShowsItsExactOriginal()
    {
        var user = TestUser.Create("malformed");
        using var pages = await PageSession.SignUpAsync(app, user);
        var ownerId = await MessageSeeder.UserIdAsync(app, user);
        var account = await MessageSeeder.AddAccountAsync(app, ownerId, "Odd mail");
        var stored = new Dictionary<string, (long Id, byte[] Raw)>();
        foreach (var name in Corpus.Names("Malformed"))
        {
            var raw = Corpus.Read("Malformed", name);
            stored[name] = (await MessageSeeder.AddMessageAsync(app, account, ownerId, raw), raw);
        }

        Assert.True(stored.Count >= 20, "the corpus is in the test output");
        var list = await pages.GetStringAsync(new Uri($"?account={account}", UriKind.Relative));
        foreach (var (name, (id, raw)) in stored)
        {
            Assert.True(list.Contains($"data-message-id=\"{id}\"", StringComparison.Ordinal), $"{name} is not in the list");

            using var page = await pages.GetAsync(new Uri($"messages/{id}?account={account}", UriKind.Relative));
            var html = await page.Content.ReadAsStringAsync();
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{name}: the reading page answered {(int)page.StatusCode}");
            Assert.True(html.Contains("class=\"message\"", StringComparison.Ordinal), $"{name}: the reading page shows no message");

            using var frame = await pages.GetAsync(new Uri($"messages/{id}/body", UriKind.Relative));
            Assert.True(frame.StatusCode == HttpStatusCode.OK, $"{name}: the body frame answered {(int)frame.StatusCode}");

            using var api = await pages.GetAsync(new Uri($"api/messages/{id}", UriKind.Relative));
            Assert.True(api.StatusCode == HttpStatusCode.OK, $"{name}: the API answered {(int)api.StatusCode}");

            using var original = await pages.GetAsync(new Uri($"api/messages/{id}/raw", UriKind.Relative));
            Assert.Equal("text/plain", original.Content.Headers.ContentType?.MediaType);
            var shown = await original.Content.ReadAsByteArrayAsync();
            Assert.True(Same(raw, shown), $"{name}: Show original changed the bytes");

            using var download = await pages.GetAsync(new Uri($"api/messages/{id}/raw?download=true", UriKind.Relative));
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.EndsWith(".eml", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
            var downloaded = await download.Content.ReadAsByteArrayAsync();
            Assert.True(Same(raw, downloaded), $"{name}: the .eml download changed the bytes");

            var message = await api.Content.ReadFromJsonAsync<MessageBody>();
            foreach (var attachment in message!.Attachments)
            {
                using var file = await pages.GetAsync(new Uri(attachment.Url.TrimStart('/'), UriKind.Relative));
                Assert.True(file.StatusCode == HttpStatusCode.OK, $"{name}: attachment {attachment.Index} answered {(int)file.StatusCode}");
            }
        }
    }

    private static bool Same(byte[] expected, byte[] actual) => expected.AsSpan().SequenceEqual(actual);

    private sealed record MessageBody(IReadOnlyList<AttachmentBody> Attachments);

    private sealed record AttachmentBody(int Index, string Url);
}

public sealed class MalformedMimeTestsOnSqlite(SqliteApp app) : MalformedMimeTests(app), IClassFixture<SqliteApp>;

public sealed class MalformedMimeTestsOnPostgres(PostgresApp app) : MalformedMimeTests(app), IClassFixture<PostgresApp>;
