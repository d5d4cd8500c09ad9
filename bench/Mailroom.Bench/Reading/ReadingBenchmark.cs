using System.Diagnostics;
using System.Globalization;
using Mailroom.Bench.Search;
using Mailroom.Search;
using Mailroom.Data;
using Mailroom.Messages;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Bench.Reading;

/// <summary>
/// Reading benchmark (bench/README.md, "Reading"): one account with 100,000 stored messages; list page 1, 1,000 and
/// 2,000, open a message and search (Search/SearchFigures), p50/p95 over repeated HTTP requests to the real app process, with the query plans.
/// Usage: dotnet bench/Mailroom.Bench/bin/Release/net10.0/Mailroom.Bench.dll reading [--messages 100000] [--requests 300] [--providers sqlite,postgres] [--web path]
/// </summary>
internal static class ReadingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        Console.WriteLine($"# Reading benchmark: {options.Messages:N0} messages in one account, {options.Requests} requests per figure");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; app: {options.WebAssembly}");
        foreach (var provider in options.Providers)
        {
            await RunAsync(provider, options, cancel.Token);
        }

        return 0;
    }

    private static async Task RunAsync(DatabaseProvider provider, BenchOptions options, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine($"## {provider}");
        await using var database = await BenchDatabase.CreateAsync(provider, cancellationToken);
        await using var app = await WebAppProcess.StartAsync(
            options.WebAssembly, database.Provider, database.ConnectionString, new Dictionary<string, string> { ["Mailroom__Fetching__Enabled"] = "false" }, cancellationToken);
        const string email = "bench@example.test";
        using var client = await app.SignUpAsync(email, cancellationToken);

        string ownerId;
        await using (var db = database.NewContext())
        {
            ownerId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(cancellationToken);
        }

        var fill = Stopwatch.StartNew();
        var account = await MailboxFiller.FillAsync(database, ownerId, options.Messages, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stored {options.Messages:N0} messages in {fill.Elapsed.TotalSeconds:F0} s."));
        if (provider == DatabaseProvider.Postgres)
        {
            // What autovacuum does shortly after a bulk load; without it the planner guesses row counts.
            await using var db = database.NewContext();
            await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
        }

        const int pageSize = MessageListRequest.DefaultPageSize;
        var lastPage = (int)Math.Ceiling(options.Messages / (double)pageSize);
        var middlePage = Math.Min(1_000, lastPage);
        var middleCursor = await MailboxFiller.CursorBeforePageAsync(database, account, middlePage, pageSize, cancellationToken);
        var middle = middleCursor.Encode();
        var last = (await MailboxFiller.CursorBeforePageAsync(database, account, lastPage, pageSize, cancellationToken)).Encode();
        long[] ids;
        await using (var db = database.NewContext())
        {
            ids = await db.Messages.Where(m => m.AccountId == account).OrderBy(m => m.Id).Select(m => m.Id).ToArrayAsync(cancellationToken);
        }

        var random = new Random(7);
        var sample = Enumerable.Range(0, options.Requests + 20).Select(_ => ids[random.Next(ids.Length)]).ToArray();
        var results = new List<Latency>
        {
            await Latency.MeasureAsync(client, "list, account, page 1", _ => $"api/messages?account={account}", options.Requests, cancellationToken),
            await Latency.MeasureAsync(client, $"list, account, page {middlePage:N0}", _ => $"api/messages?account={account}&after={middle}", options.Requests, cancellationToken),
            await Latency.MeasureAsync(client, $"list, account, page {lastPage:N0} (last)", _ => $"api/messages?account={account}&after={last}", options.Requests, cancellationToken),
            await Latency.MeasureAsync(client, "list, All mail, page 1", _ => "api/messages", options.Requests, cancellationToken),
            await Latency.MeasureAsync(client, $"list, All mail, page {middlePage:N0}", _ => $"api/messages?after={middle}", options.Requests, cancellationToken),
            await Latency.MeasureAsync(client, "open a message (random id)", i => $"api/messages/{sample[i % sample.Length]}", options.Requests, cancellationToken),
            await Latency.MeasureAsync(client, "unread counts (left pane)", _ => "api/messages/unread-counts", options.Requests, cancellationToken),
        };
        results.AddRange(await SearchFigures.MeasureAsync(client, account, options.Requests, cancellationToken));

        Console.WriteLine();
        Console.WriteLine("| request | n | p50 ms | p95 ms | max ms | response bytes |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var result in results)
        {
            Console.WriteLine(result.ToMarkdownRow());
        }

        Console.WriteLine();
        Console.WriteLine(await SearchFigures.IndexSizeAsync(database, options.Messages, cancellationToken));
        Console.WriteLine();
        Console.WriteLine($"Query plan, list page 1:\n```\n{await QueryPlans.ExplainListAsync(database, new MessageListRequest(ownerId, account), cancellationToken)}```");
        Console.WriteLine($"Query plan, list page {middlePage:N0}:\n```\n{await QueryPlans.ExplainListAsync(database, new MessageListRequest(ownerId, account, After: middleCursor), cancellationToken)}```");
        Console.WriteLine($"Query plan, All mail page {middlePage:N0}:\n```\n{await QueryPlans.ExplainListAsync(database, new MessageListRequest(ownerId, null, After: middleCursor), cancellationToken)}```");
        var common = SearchQueryParser.Parse(SearchWords.Common, new SearchContext(TimeZoneInfo.Utc, TimeProvider.System.GetUtcNow()));
        Console.WriteLine($"Query plan, search for a word in 10 %:\n```\n{await QueryPlans.ExplainListAsync(database, new MessageListRequest(ownerId, account, Search: common), cancellationToken)}```");
    }
}

internal sealed record BenchOptions(int Messages, int Requests, IReadOnlyList<DatabaseProvider> Providers, string WebAssembly)
{
    public static BenchOptions Parse(string[] args)
    {
        var messages = 100_000;
        var requests = 200;
        IReadOnlyList<DatabaseProvider> providers = [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];
        string? web = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--messages":
                    messages = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--requests":
                    requests = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--providers":
                    providers = [.. args[i + 1].Split(',').Select(p => Enum.Parse<DatabaseProvider>(p, ignoreCase: true))];
                    break;
                case "--web":
                    web = Path.GetFullPath(args[i + 1]);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}. Use --messages, --requests, --providers, --web.");
            }
        }

        return new BenchOptions(messages, requests, providers, web ?? WebAppProcess.ReleaseBuild());
    }
}
