using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mailroom.Bench.Reading;
using Mailroom.Data;
using Mailroom.Fetching;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Bench.Scale;

/// <summary>
/// The scale benchmark: N accounts, each its own small mailbox on the testenv Dovecot, added through the real app's
/// API, then kept on a poll interval by one node on SQLite, one node on PostgreSQL and three nodes on PostgreSQL.
/// Usage: scale [accounts, default 1000] [interval seconds, default 30] [measured intervals, default 3] [configs, default sqlite1,pg1,pg3]
/// </summary>
internal static class ScaleBenchmark
{
    private const int MessagesEach = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var accounts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var interval = TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30);
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var configs = (args.Length > 3 ? args[3] : "sqlite1,pg1,pg3").Split(',');
        var settings = new ScaleSettings(accounts, interval, Lease: TimeSpan.FromSeconds(30), rounds);
        var web = WebAppProcess.ReleaseBuild();

        Console.WriteLine($"Creating {accounts} mailboxes with {MessagesEach} messages each; load {Load()}");
        using var mailboxes = ScaleMailboxes.Create(accounts, MessagesEach);
        var report = new List<string>
        {
            $"{accounts:N0} accounts, {MessagesEach} messages each, polled every {interval.TotalSeconds:0} s, measured over {rounds} intervals after the first round.",
            "",
            "| setup | first round s | polls/s (needed) | polled within interval +10 % | CPU s per poll | CPU cores | peak RSS MB per node | DB MB | load at start → end |",
            "|---|---|---|---|---|---|---|---|---|",
        };
        var notes = new List<string>();
        foreach (var config in configs)
        {
            var provider = config.StartsWith("sqlite", StringComparison.Ordinal) ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
            var nodeCount = int.Parse(config[^1..], CultureInfo.InvariantCulture);
            await using var database = await BenchDatabase.CreateAsync(provider, CancellationToken.None);
            Console.WriteLine($"{config}: adding {accounts} accounts through the API");
            await AddAccountsAsync(web, database, mailboxes, settings);
            Console.WriteLine($"{config}: measuring");
            var (row, note) = await MeasureAsync(web, database, config, nodeCount, settings);
            report.Add(row);
            notes.AddRange(note);
            Console.WriteLine(row);
        }

        Console.WriteLine();
        Console.WriteLine(string.Join('\n', report));
        Console.WriteLine();
        Console.WriteLine(string.Join('\n', notes.Select(n => "- " + n)));
        return 0;
    }

    private static async Task AddAccountsAsync(string web, BenchDatabase database, ScaleMailboxes mailboxes, ScaleSettings settings)
    {
        await using var node = await ScaleNode.StartAsync(web, database, "setup", settings, fetching: false);
        using var client = new HttpClient { BaseAddress = new Uri(node.BaseUrl + "/"), Timeout = TimeSpan.FromMinutes(2) };
        var email = $"scale-{Guid.NewGuid():N}@example.test";
        var password = $"Scale pw {Guid.NewGuid():N}!";
        (await client.PostAsJsonAsync("api/auth/register", new { email, password })).EnsureSuccessStatusCode();
        using var login = await client.PostAsJsonAsync("api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // Each POST tests the account against Dovecot before it saves it, as a user's would.
        await Parallel.ForEachAsync(mailboxes.Users, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (mailbox, cancellationToken) =>
        {
            using var response = await client.PostAsJsonAsync("api/accounts", new
            {
                displayName = mailbox.User,
                emailAddress = mailbox.User,
                host = "127.0.0.1",
                port = BenchEnvironment.ImplicitTlsPort,
                useSsl = true,
                userName = mailbox.User,
                password = mailbox.Password,
                afterRetrieval = "keep",
            }, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Adding {mailbox.User} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        });
        await node.StopAsync();
    }

    private static async Task<(string Row, List<string> Notes)> MeasureAsync(string web, BenchDatabase database, string config, int nodeCount, ScaleSettings settings)
    {
        var loadAtStart = Load();
        var nodes = new List<ScaleNode>();
        try
        {
            nodes.AddRange(await Task.WhenAll(Enumerable.Range(1, nodeCount).Select(i => ScaleNode.StartAsync(web, database, $"{config}-node{i}", settings, fetching: true))));
            var started = TimeProvider.System.GetUtcNow();
            while (await CountAsync(database, db => db.Pop3Accounts.CountAsync(a => !db.FetchRuns.Any(r => r.AccountId == a.Id && r.Outcome == FetchOutcome.Succeeded))) > 0)
            {
                await Task.Delay(500);
            }

            var firstRound = TimeProvider.System.GetUtcNow() - started;
            var cpuBefore = nodes.Sum(n => n.CpuSeconds());
            var windowStart = TimeProvider.System.GetUtcNow();
            await Task.Delay(settings.Interval * settings.Rounds);
            var windowEnd = TimeProvider.System.GetUtcNow();
            var cpu = nodes.Sum(n => n.CpuSeconds()) - cpuBefore;
            var rss = nodes.Max(n => n.PeakRssMegabytes());
            var loadAtEnd = Load();

            var runs = await CountAsync(database, db => db.FetchRuns.AsNoTracking().ToListAsync());
            var figures = ScaleFigures.From(runs, windowStart, windowEnd, settings);
            var notes = new List<string>
            {
                string.Create(CultureInfo.InvariantCulture,
                    $"{config}: {figures.Polls} polls in {figures.WindowSeconds:0} s, {figures.Failed} failed; {figures.Overlaps} overlapping fetches of one account; " +
                    $"split {string.Join(", ", figures.ByNode.Select(n => $"{n.Key} {n.Value}"))}; worst gap between two polls of one account {figures.WorstGap.TotalSeconds:0.0} s."),
            };
            if (nodeCount > 1)
            {
                notes.Add(await KillOneAsync(database, nodes[^1], settings));
            }

            var size = await SizeMegabytesAsync(database);
            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {Describe(config, nodeCount)} | {firstRound.TotalSeconds:0.0} | {figures.Polls / figures.WindowSeconds:0.0} ({settings.Accounts / settings.Interval.TotalSeconds:0.0}) | " +
                $"{figures.OnTimeFraction:P1} | {cpu / Math.Max(1, figures.Polls):0.0000} | {cpu / figures.WindowSeconds:0.00} | {rss:0} | {size:0.0} | {loadAtStart} → {loadAtEnd} |");
            return (row, notes);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>SIGKILLs a node in the middle of its fetches and measures how soon the others take over its leases after they expire.</summary>
    private static async Task<string> KillOneAsync(BenchDatabase database, ScaleNode victim, ScaleSettings settings)
    {
        while (await CountAsync(database, db => db.AccountFetchStates.CountAsync(s => s.LeaseHolder == victim.Name && s.RunStartedAt != null)) == 0)
        {
            await Task.Delay(10);
        }

        await victim.KillAsync();
        var killedAt = TimeProvider.System.GetUtcNow();
        var held = await CountAsync(database, db => db.AccountFetchStates.AsNoTracking().Where(s => s.LeaseHolder == victim.Name)
            .ToDictionaryAsync(s => s.AccountId, s => s.LeaseExpiresAt!.Value));
        await Task.Delay(settings.Lease + TimeSpan.FromSeconds(10));
        var ids = held.Keys.ToList();
        var takeovers = await CountAsync(database, db => db.FetchRuns.AsNoTracking()
            .Where(r => ids.Contains(r.AccountId) && r.Node != victim.Name && r.StartedAt >= killedAt.AddSeconds(-1)).ToListAsync());
        var delays = held.Select(h => takeovers.Where(r => r.AccountId == h.Key).Select(r => (TimeSpan?)(r.StartedAt - h.Value)).Min()).ToList();
        var resumed = delays.Count(d => d is not null);
        var worst = delays.Where(d => d is not null).Select(d => d!.Value.TotalSeconds).DefaultIfEmpty(double.NaN).Max();
        var earliest = delays.Where(d => d is not null).Select(d => d!.Value.TotalSeconds).DefaultIfEmpty(double.NaN).Min();
        return string.Create(CultureInfo.InvariantCulture,
            $"SIGKILL of {victim.Name} holding {held.Count} leases (lease {settings.Lease.TotalSeconds:0} s): {resumed} resumed by another node, " +
            $"{earliest:0.0} to {worst:0.0} s after the lease expired (never before it), all within {(killedAt - held.Values.DefaultIfEmpty(killedAt).Min()).TotalSeconds + settings.Lease.TotalSeconds:0} s of the kill at most one lease period plus that.");
    }

    private static async Task<double> SizeMegabytesAsync(BenchDatabase database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            return new[] { path, path + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length) / 1048576.0;
        }

        var bytes = await CountAsync(database, db => db.Database.SqlQuery<long>($"SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync());
        return bytes / 1048576.0;
    }

    private static async Task<T> CountAsync<T>(BenchDatabase database, Func<MailroomDbContext, Task<T>> query)
    {
        await using var db = database.NewContext();
        return await query(db);
    }

    private static string Describe(string config, int nodes) =>
        $"{nodes} node{(nodes == 1 ? "" : "s")}, {(config.StartsWith("sqlite", StringComparison.Ordinal) ? "SQLite" : "PostgreSQL")}";

    private static string Load() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
