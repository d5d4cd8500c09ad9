using System.Net;
using Mailroom.Fetching;
using Mailroom.IntegrationTests.Fetching;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.IntegrationTests.Operations;

/// <summary>The operator's view of the schedule: the administrator page (configured emails only) and the Prometheus metrics.</summary>
public sealed class FetchScheduleAdminTests(TestServers servers) : IClassFixture<TestServers>
{
    [Theory, ClassData(typeof(BothDatabases))]
    public async Task AdminPage_ShowsTheScheduleToAConfiguredAdministrator_AndNobodyElse(DatabaseKind kind)
    {
        var admin = TestUser.Create("admin");
        await using var app = FetchTestApps.Create(kind, servers).WithSetting("Mailroom:Administrators:Emails:0", admin.Email.ToUpperInvariant());
        await app.StartAsync();
        var mailbox = await servers.CreateMailboxAsync();
        await mailbox.DropSampleMessagesAsync(2);
        var accountId = await FetchTestApps.AddAccountAsync(app, servers, mailbox);
        Assert.Equal(FetchOutcome.Succeeded, (await FetchTestApps.FetchOnceAsync(app, accountId)).Outcome);
        var adminCookie = await SessionCookies.SignUpAsync(app, admin);
        var userCookie = await SessionCookies.SignUpAsync(app, TestUser.Create());

        using var forAdmin = await GetAsync(app, "/admin/fetching", adminCookie);
        using var forUser = await GetAsync(app, "/admin/fetching", userCookie);
        using var anonymous = await GetAsync(app, "/admin/fetching", cookie: null);

        Assert.Equal(HttpStatusCode.OK, forAdmin.StatusCode);
        var page = await forAdmin.Content.ReadAsStringAsync();
        Assert.Contains("Fetch schedule", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">test-node</th>", page, StringComparison.Ordinal);
        Assert.Contains("Active accounts", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, forUser.StatusCode);
        Assert.StartsWith("/error/403", PathOf(forUser.Headers.Location), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/sign-in", PathOf(anonymous.Headers.Location), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsEndpoint_ExposesThePollsAndTheScheduleGauges_InPrometheusFormat()
    {
        await using var app = FetchTestApps.Create(DatabaseKind.Sqlite, servers).WithSetting("Mailroom:Fetching:OverviewInterval", "00:00:01");
        await app.StartAsync();
        var mailbox = await servers.CreateMailboxAsync();
        await mailbox.DropSampleMessagesAsync(1);
        var accountId = await FetchTestApps.AddAccountAsync(app, servers, mailbox);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<FetchRequests>().RequestAsync(accountId, default);
        }

        string metrics;
        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(60);
        do
        {
            await Task.Delay(500);
            using var response = await GetAsync(app, "/metrics", cookie: null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            metrics = await response.Content.ReadAsStringAsync();
        }
        // The gauge can first be exported as 0, from an overview read before the request was recorded: wait for the next one.
        while (!System.Text.RegularExpressions.Regex.IsMatch(metrics, AccountDueOnce) && TimeProvider.System.GetUtcNow().UtcDateTime < deadline);

        // The scheduler is off in this app: the account stays due, and the gauge says so.
        Assert.Matches(AccountDueOnce, metrics);
        Assert.Contains("mailroom_schedule_accounts_lagging", metrics, StringComparison.Ordinal);
        Assert.Contains("mailroom_fetch_memory_bytes", metrics, StringComparison.Ordinal);
    }

    private const string AccountDueOnce = @"(?m)^mailroom_schedule_accounts_due(\{[^}]*\})? 1(\s|$)";

    private static string PathOf(Uri? location) =>
        location is null ? "" : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    private static async Task<HttpResponseMessage> GetAsync(MailroomAppFactory app, string path, string? cookie)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await client.SendAsync(request);
    }
}
