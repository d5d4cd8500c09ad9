using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Mailroom.Data;

namespace Mailroom.Bench;

/// <summary>
/// Mailroom as a user meets it: the Release app as its own process, a user signed up through the API, the account
/// added with <c>POST /api/accounts</c> (which tests it first), then <c>/api/messages/unread-counts</c> polled every
/// 50 ms until every message is listed. Afterwards the app is started again on the same, now full, database to time
/// process start to a healthy <c>/healthz</c> with an existing database.
/// </summary>
internal static class AppIngest
{
    public static async Task<AppIngestResult> RunAsync(
        string webAssembly, DatabaseProvider provider, string connectionString, string user, string password, int count, int restarts,
        CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>
        {
            ["Mailroom__Network__AllowPrivateAddresses"] = "true",
            ["Mailroom__Tls__TrustedRootCertificates__0"] = BenchEnvironment.CaCertificate,
            ["Mailroom__Pop3__AllowedPorts__0"] = BenchEnvironment.ImplicitTlsPort.ToString(CultureInfo.InvariantCulture),
        };
        double ingest, cpu;
        long rss;
        TimeSpan emptyStart;
        await using (var app = await WebAppProcess.StartAsync(webAssembly, provider, connectionString, settings, cancellationToken))
        {
            emptyStart = app.Startup;
            using var client = await app.SignUpAsync($"owner-{Guid.NewGuid():N}@example.test", cancellationToken);
            var clock = Stopwatch.StartNew();
            using var created = await client.PostAsJsonAsync("api/accounts", new
            {
                displayName = "Bench",
                emailAddress = user,
                host = "127.0.0.1",
                port = BenchEnvironment.ImplicitTlsPort,
                useSsl = true,
                userName = user,
                password,
                afterRetrieval = "keep",
            }, cancellationToken);
            if (!created.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST /api/accounts answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(cancellationToken)}");
            }

            while (await ListedAsync(client, cancellationToken) < count)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(10))
                {
                    throw new TimeoutException($"Not all {count} messages were listed within 10 minutes.");
                }

                await Task.Delay(50, cancellationToken);
            }

            ingest = clock.Elapsed.TotalSeconds;
            cpu = app.CpuSeconds();
            rss = app.PeakRssKilobytes();
        }

        var existingStarts = new List<double>();
        for (var i = 0; i < restarts; i++)
        {
            await using var again = await WebAppProcess.StartAsync(webAssembly, provider, connectionString, settings, cancellationToken);
            existingStarts.Add(again.Startup.TotalSeconds);
        }

        return new AppIngestResult(ingest, cpu, rss, emptyStart.TotalSeconds, existingStarts);
    }

    private static async Task<int> ListedAsync(HttpClient client, CancellationToken cancellationToken) =>
        (await client.GetFromJsonAsync<UnreadCounts>("api/messages/unread-counts", cancellationToken))!.Total;

    private sealed record UnreadCounts(int Total);
}

/// <summary>Account created to all listed; CPU and peak RSS of the app process (start included); start to healthy on a new and on the existing database.</summary>
internal sealed record AppIngestResult(double IngestSeconds, double CpuSeconds, long PeakRssKilobytes, double EmptyStartSeconds, IReadOnlyList<double> ExistingStartSeconds);
