using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;

namespace Mailroom.IntegrationTests.Live;

/// <summary>The set-up every live-update test starts from: a user with one POP3 account on the testenv Dovecot, added through the API (Test and Save in one call).</summary>
internal static class LiveAccounts
{
    public static async Task<(TestUser User, Guid AccountId)> SignUpWithAccountAsync(MailroomAppFactory app, TestServers servers, MailboxUser mailbox, string displayName = "Old ISP")
    {
        var user = TestUser.Create("live");
        using var api = await ApiSession.CreateSignedInClientAsync(app, user);
        using var created = await api.PostAsJsonAsync("api/accounts", new
        {
            displayName,
            emailAddress = mailbox.Address,
            host = servers.GoodHost,
            port = servers.Pop3sPort,
            useSsl = true,
            userName = mailbox.Address,
            password = mailbox.Password,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (user, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    /// <summary>A small message with a subject no other message has, so the test can look for exactly it.</summary>
    public static byte[] Message(string subject, DateTimeOffset? sent = null)
    {
        var date = (sent ?? TimeProvider.System.GetUtcNow()).ToString("r", System.Globalization.CultureInfo.InvariantCulture).Replace("GMT", "+0000", StringComparison.Ordinal);
        return Encoding.ASCII.GetBytes(
            $"From: Ada Sender <ada@example.test>\r\nTo: reader@example.test\r\nSubject: {subject}\r\nDate: {date}\r\n" +
            $"Message-ID: <{Guid.NewGuid():N}@example.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nArrived while the inbox was open.\r\n");
    }
}
