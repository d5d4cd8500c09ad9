using System.Net;
using System.Net.Http.Json;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.Sending;
using Mailroom.IntegrationTests.TestEnvironment;

namespace Mailroom.IntegrationTests.Security;

/// <summary>M2: links in mail come only from Mailroom:Hosting:PublicBaseUrl, whatever Host a request names.</summary>
public sealed class ForgedHostTests(TestServers servers) : IClassFixture<TestServers>
{
    [Fact]
    public async Task ARequestNamingAnotherHost_IsRefused_AndMailsNothing()
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).Configure(servers, outbox.Path);
        await app.StartAsync();
        using var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/sender-addresses") { Content = JsonContent.Create(new { address = "victim@example.test", route = "mailroom" }) };
        request.Headers.Host = "evil.example";
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(SendingEnvironment.Outbox(outbox.Path));
    }

    [Fact]
    public async Task EvenWithEveryHostAllowed_TheVerificationLinkPointsAtThePublicAddress()
    {
        using var outbox = new OutboxFolder();
        await using var app = new MailroomAppFactory(DatabaseKind.Sqlite).Configure(servers, outbox.Path)
            .WithSetting("AllowedHosts", "*")
            .WithSetting("Mailroom:Hosting:PublicBaseUrl", "https://mail.example.test/");
        await app.StartAsync();
        using var client = await ApiSession.CreateSignedInClientAsync(app, TestUser.Create());

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/sender-addresses") { Content = JsonContent.Create(new { address = "victim@example.test", route = "mailroom" }) };
        request.Headers.Host = "evil.example";
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var mail = Assert.Single(SendingEnvironment.Outbox(outbox.Path));
        var body = mail.TextBody + mail.HtmlBody;
        Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("https://mail.example.test/send-as/confirm?token=", body, StringComparison.Ordinal);
    }
}
