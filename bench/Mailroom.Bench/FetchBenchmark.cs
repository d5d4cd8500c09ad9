using System.Globalization;
using Mailroom.Data;
using Npgsql;

namespace Mailroom.Bench;

/// <summary>
/// The fetch benchmark (bench/README.md, "Fetch"): for each mailbox size, in one run, the raw pipelined download, mpop,
/// fetchmail, Mailroom's engine and Mailroom through the app's API on SQLite and PostgreSQL; each a separate process
/// whose wall time, CPU seconds and peak RSS are the median of <see cref="FetchBenchmarkOptions.Repeat"/> runs.
/// </summary>
internal static class FetchBenchmark
{
    public static async Task<int> RunAsync(FetchBenchmarkOptions options)
    {
        var self = typeof(FetchBenchmark).Assembly.Location;
        var web = WebAppProcess.ReleaseBuild();
        var scratch = Directory.CreateTempSubdirectory("mailroom-bench-").FullName;
        var report = new List<string>
        {
            "| mailbox | run | wall s | MB/s | CPU s | peak RSS MB | wall vs raw | wall vs mpop | CPU vs mpop |",
            "|---|---|---|---|---|---|---|---|---|",
        };
        var notes = new List<string>
        {
            $"repeat {options.Repeat}, medians; load at start: {Uptime()}",
            "Engine CPU/RSS: its whole child process (runtime start, migrations, both fetches); app CPU/RSS: the whole app process from its start.",
        };
        try
        {
            foreach (var count in options.Sizes)
            {
                var (user, password, bytes) = BenchEnvironment.CreateMailbox(count, seed: count);
                try
                {
                    var megabytes = bytes / 1048576.0;
                    Console.WriteLine($"{count} messages, {megabytes:0.0} MB; {Uptime()}");

                    // The first session makes Dovecot index the new maildir; every measured run sees the same warm server.
                    await RawDownload.RunAsync(user, password, Path.Combine(scratch, "warmup.raw"));
                    var rows = new List<Row>
                    {
                        Row.Of("raw pipelined download (ceiling)", await RepeatAsync(options.Repeat, () => Measured.RunAsync("dotnet", [self, "raw", user, password, Path.Combine(scratch, "raw")]))),
                        Row.Of("mpop, keep, to maildir", await RepeatAsync(options.Repeat, () => Mpop.RunAsync(user, password, scratch))),
                        Row.Of("fetchmail, keep, to BSMTP file", await RepeatAsync(options.Repeat, () => Fetchmail.RunAsync(user, password, scratch))),
                    };

                    foreach (var provider in options.Providers)
                    {
                        var engine = new List<Measured>();
                        var polls = new List<double>();
                        var indexShares = new List<double>();
                        var app = new List<AppIngestResult>();
                        for (var run = 0; run < options.Repeat; run++)
                        {
                            await using (var database = await ScratchDatabase.CreateAsync(provider, scratch))
                            {
                                var child = await Measured.RunAsync("dotnet", [self, "ingest", provider.ToString(), database.ConnectionString, user, password]);
                                var result = child.Output.Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal)).Split(' ');
                                engine.Add(child with { WallSeconds = double.Parse(result[1], CultureInfo.InvariantCulture) });
                                polls.Add(double.Parse(result[4], CultureInfo.InvariantCulture));
                                var indexing = await Measured.RunAsync("dotnet", [self, "index-cost", provider.ToString(), database.ConnectionString]);
                                var indexSeconds = double.Parse(indexing.Output.Single(l => l.StartsWith("INDEXING ", StringComparison.Ordinal)).Split(' ')[1], CultureInfo.InvariantCulture);
                                indexShares.Add(indexSeconds / double.Parse(result[1], CultureInfo.InvariantCulture));
                            }

                            await using (var database = await ScratchDatabase.CreateAsync(provider, scratch))
                            {
                                app.Add(await AppIngest.RunAsync(web, provider, database.ConnectionString, user, password, count, restarts: 3, default));
                            }
                        }

                        rows.Add(new Row($"Mailroom engine into {provider} (fetch run only)", Median(engine.Select(e => e.WallSeconds)),
                            Median(engine.Select(e => e.CpuSeconds)), Median(engine.Select(e => (double)e.PeakRssKilobytes))));
                        rows.Add(new Row($"Mailroom app on {provider}: account created → all listed", Median(app.Select(a => a.IngestSeconds)),
                            Median(app.Select(a => a.CpuSeconds)), Median(app.Select(a => (double)a.PeakRssKilobytes))));
                        notes.Add(string.Create(CultureInfo.InvariantCulture,
                            $"{count:N0}, {provider}: nothing-new poll {Median(polls):0.000} s; writing the full-text index {Median(indexShares):P1} of the engine's ingest time; app start to healthy {Median(app.Select(a => a.EmptyStartSeconds)):0.00} s on a new database, {Median(app.SelectMany(a => a.ExistingStartSeconds)):0.00} s on the existing one (median of {app.Sum(a => a.ExistingStartSeconds.Count)} starts)."));
                    }

                    var raw = rows[0];
                    var mpop = rows[1];
                    foreach (var row in rows)
                    {
                        report.Add(string.Create(CultureInfo.InvariantCulture,
                            $"| {count:N0} ({megabytes:0} MB) | {row.Name} | {row.Wall:0.00} | {megabytes / row.Wall:0.0} | {row.Cpu:0.0} | {row.RssKilobytes / 1024:0} | " +
                            $"{row.Wall / raw.Wall:0.00}x | {row.Wall / mpop.Wall:0.00}x | {row.Cpu / mpop.Cpu:0.00}x |"));
                    }

                    notes.Add($"{count:N0} done; load: {Uptime()}");
                }
                finally
                {
                    BenchEnvironment.RemoveMailbox(user);
                }
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine(string.Join('\n', report));
        Console.WriteLine();
        Console.WriteLine(string.Join('\n', notes.Select(n => "- " + n)));
        return 0;
    }

    private static async Task<List<Measured>> RepeatAsync(int times, Func<Task<Measured>> run)
    {
        var runs = new List<Measured>();
        for (var i = 0; i < times; i++)
        {
            runs.Add(await run());
        }

        return runs;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Uptime() => File.ReadAllText("/proc/loadavg").Split(' ') is var load ? $"load average {load[0]}, {load[1]}, {load[2]}" : "";

    private sealed record Row(string Name, double Wall, double Cpu, double RssKilobytes)
    {
        public static Row Of(string name, List<Measured> runs) => new(
            name, Median(runs.Select(r => r.WallSeconds)), Median(runs.Select(r => r.CpuSeconds)), Median(runs.Select(r => (double)r.PeakRssKilobytes)));
    }

    /// <summary>A fresh database for one measured run, dropped afterwards so that 10,000-message runs do not fill the disk.</summary>
    private sealed class ScratchDatabase : IAsyncDisposable
    {
        private readonly Func<Task> _drop;

        private ScratchDatabase(string connectionString, Func<Task> drop)
        {
            ConnectionString = connectionString;
            _drop = drop;
        }

        public string ConnectionString { get; }

        public static async Task<ScratchDatabase> CreateAsync(DatabaseProvider provider, string scratch)
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                var folder = Directory.CreateDirectory(Path.Combine(scratch, $"sqlite-{Guid.NewGuid():N}")).FullName;
                return new ScratchDatabase($"Data Source={Path.Combine(folder, "mailroom.db")}", () =>
                {
                    Directory.Delete(folder, recursive: true);
                    return Task.CompletedTask;
                });
            }

            var name = $"mailroom_bench_fetch_{Guid.NewGuid():N}";
            await AdminAsync($"CREATE DATABASE \"{name}\"");
            return new ScratchDatabase(BenchEnvironment.PostgresConnection(name), () => AdminAsync($"DROP DATABASE \"{name}\" WITH (FORCE)"));
        }

        public async ValueTask DisposeAsync() => await _drop();

        private static async Task AdminAsync(string sql)
        {
            await using var admin = new NpgsqlConnection(BenchEnvironment.PostgresConnection("postgres"));
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync();
        }
    }
}

internal sealed record FetchBenchmarkOptions(IReadOnlyList<int> Sizes, int Repeat, IReadOnlyList<DatabaseProvider> Providers)
{
    public static FetchBenchmarkOptions Parse(string[] args)
    {
        IReadOnlyList<int> sizes = [2000, 10000];
        var repeat = 3;
        IReadOnlyList<DatabaseProvider> providers = [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--repeat" when i + 1 < args.Length:
                    repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--providers" when i + 1 < args.Length:
                    providers = [.. args[++i].Split(',').Select(p => Enum.Parse<DatabaseProvider>(p, ignoreCase: true))];
                    break;
                case var value when char.IsAsciiDigit(value[0]):
                    sizes = [.. value.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
                    break;
                default:
                    throw new ArgumentException($"Unknown argument {args[i]}. Use: [sizes, e.g. 2000,10000] [--repeat 3] [--providers sqlite,postgres].");
            }
        }

        return new FetchBenchmarkOptions(sizes, repeat, providers);
    }
}
