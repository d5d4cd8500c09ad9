using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;

namespace Mailroom.IntegrationTests.Sending;

/// <summary>The send queue driven through the JSON API, for tests that run the app in-process or as its own process.</summary>
internal static class SendQueueApi
{
    /// <summary>An own-server address on the good Postfix listener, verified by its SMTP sign-in; returns its id.</summary>
    public static async Task<Guid> AddOwnServerAddressAsync(HttpClient client, TestServers servers, MailboxUser sender)
    {
        using var created = await client.PostAsJsonAsync("api/sender-addresses", SendingEnvironment.OwnServer(servers, sender));
        var json = await created.ReadJsonAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, json.ToString());
        Assert.Equal("verified", json.GetProperty("address").GetProperty("status").GetString());
        return json.GetProperty("address").GetProperty("id").GetGuid();
    }

    /// <summary>POST /api/send into the queue (202); returns the queue id and the Message-ID.</summary>
    public static async Task<(Guid Id, string MessageId)> QueueAsync(
        HttpClient client, Guid addressId, MailboxUser to, string subject, bool holdForUndo = false, DateTimeOffset? sendAt = null)
    {
        using var response = await client.PostAsJsonAsync("api/send", new { fromAddressId = addressId, to = to.Address, subject, body = "Hello,\n\n" + subject, holdForUndo, sendAt });
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, json.ToString());
        return (json.GetProperty("id").GetGuid(), json.GetProperty("messageId").GetString()!);
    }

    public static async Task<JsonElement> OutboxItemAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync(new Uri($"api/outbox/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>Waits until Postfix's log names the Message-ID (its cleanup line), so an absence next to it means something.</summary>
    public static async Task WaitForMaillogAsync(TestServers servers, string messageId)
    {
        await Eventually.ReachedAsync(
            async () => (await File.ReadAllTextAsync(servers.PostfixLogPath)).Contains(messageId, StringComparison.Ordinal),
            named => named,
            TimeSpan.FromSeconds(20), $"Postfix's log to name {messageId}");
    }
}
