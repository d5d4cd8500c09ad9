using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;

namespace Mailroom.IntegrationTests.Sending;

/// <summary>
/// The app as a real process, killed with SIGKILL while a message waits out its undo window; the window passes while
/// no node runs; a new node on the same database then delivers it, exactly once, through the real Postfix.
/// </summary>
public sealed class SendQueueCrashTests(TestServers servers) : IClassFixture<TestServers>
{
    private static readonly TimeSpan UndoDelay = TimeSpan.FromSeconds(4);

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task KilledDuringTheUndoDelay_ThenRestarted_DeliversTheMessageExactlyOnce(DatabaseKind kind)
    {
        using var folder = new TemporaryFolder("mailroom-sendqueue-");
        var workingDirectory = folder.Path;
        await using var database = await TestDatabase.CreateAsync(kind);
        var alice = await servers.CreateMailboxAsync();
        var carol = await servers.CreateMailboxAsync();
        (Guid Id, string MessageId) queued;
        await using (var first = Start(workingDirectory, database, "first"))
        {
            await first.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
            using var client = await SignedInClientAsync(first);
            var addressId = await SendQueueApi.AddOwnServerAddressAsync(client, servers, alice);
            queued = await SendQueueApi.QueueAsync(client, addressId, carol, "Sent before the crash", holdForUndo: true);
            await first.KillAsync();
        }

        // Every node is down when the undo window ends.
        await Task.Delay(UndoDelay + TimeSpan.FromSeconds(1));
        Assert.Equal(0, carol.CountServerMessages());

        await using (var second = Start(workingDirectory, database, "second"))
        {
            await second.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
            await SendQueueApi.WaitForMaillogAsync(servers, queued.MessageId);
            var (received, _) = Assert.Single(await SendingEnvironment.FetchAsync(servers, carol));
            Assert.Equal(queued.MessageId, received.MessageId);

            // A few more ticks of the queue: still one copy, and the row says sent after one attempt.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(1, carol.CountServerMessages());
            using var client = await SignedInClientAsync(second, register: false);
            var item = await SendQueueApi.OutboxItemAsync(client, queued.Id);
            Assert.Equal("sent", item.GetProperty("state").GetString());
        }
    }

    private static readonly TestUser User = TestUser.Create("crash");

    private AppProcess Start(string workingDirectory, TestDatabase database, string node) => AppProcess.Start(workingDirectory, new Dictionary<string, string>
    {
        ["Mailroom__Database__Provider"] = database.Provider.ToString(),
        ["ConnectionStrings__Mailroom"] = database.ConnectionString,
        ["Mailroom__Network__AllowPrivateAddresses"] = "true",
        ["Mailroom__Tls__TrustedRootCertificates__0"] = servers.CaCertificatePath,
        ["Mailroom__Smtp__AllowedPorts__0"] = servers.SubmissionPort.ToString(CultureInfo.InvariantCulture),
        ["Mailroom__Fetching__Enabled"] = "false",
        ["Mailroom__Fetching__NodeName"] = node,
        ["Mailroom__Sending__UndoDelay"] = UndoDelay.ToString("c", CultureInfo.InvariantCulture),
        ["Mailroom__Sending__QueueInterval"] = "00:00:00.200",
        ["Logging__LogLevel__Default"] = "Warning",
    });

    private static async Task<HttpClient> SignedInClientAsync(AppProcess app, bool register = true)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl + "/") };
        if (register)
        {
            (await client.PostAsJsonAsync("api/auth/register", new { email = User.Email, password = User.Password })).EnsureSuccessStatusCode().Dispose();
        }

        using var login = await client.PostAsJsonAsync("api/auth/login", new { email = User.Email, password = User.Password });
        var token = (await login.EnsureSuccessStatusCode().ReadJsonAsync()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
