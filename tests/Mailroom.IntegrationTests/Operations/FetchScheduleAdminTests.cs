using System.Net;
using Mailroom.Fetching;
using Mailroom.IntegrationTests.Fetching;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;

namespace Mailroom.IntegrationTests.Operations;

/// <summary>The operator's view of the schedule on the administrator page: configured emails only.</summary>
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

    private static string PathOf(Uri? location) =>
        location is null ? "" : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    internal static async Task<HttpResponseMessage> GetAsync(MailroomAppFactory app, string path, string? cookie)
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
