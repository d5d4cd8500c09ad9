using System.Net;
using Mailroom.Fetching;
using Mailroom.IntegrationTests.Fetching;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.TestEnvironment;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.IntegrationTests.Operations;

/// <summary>
/// The Prometheus metrics. OpenTelemetry listens to meters by name across the whole process, so the gauges of any
/// other app running in this test process would be exported here too: these tests run alone, after the parallel ones.
/// </summary>
[Collection(Collection)]
public sealed class MetricsEndpointTests(TestServers servers) : IClassFixture<TestServers>
{
    public const string Collection = "Process-wide metrics";

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
            using var response = await FetchScheduleAdminTests.GetAsync(app, "/metrics", cookie: null);
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

}

[CollectionDefinition(MetricsEndpointTests.Collection, DisableParallelization = true)]
public sealed class MetricsEndpointTestsRunAlone;
