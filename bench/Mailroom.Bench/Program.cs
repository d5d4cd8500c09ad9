using System.Diagnostics;
using System.Globalization;
using Mailroom.Bench;
using Mailroom.Bench.Reading;
using Mailroom.Bench.Scale;
using Npgsql;

// bench: dotnet bench/Mailroom.Bench/bin/Release/net10.0/Mailroom.Bench.dll [sizes, default 2000,10000]
// The "reading" sub-command is the reading benchmark (list and open over HTTP at 100,000 messages); see Reading/ReadingBenchmark.
if (args is ["reading", .. var readingArgs])
{
    return await ReadingBenchmark.RunAsync(readingArgs);
}

// The "scale" sub-command is the scale benchmark (thousands of accounts kept on schedule by one and three nodes); see Scale/ScaleBenchmark.
if (args is ["scale", .. var scaleArgs])
{
    return await ScaleBenchmark.RunAsync(scaleArgs);
}

// The "ingest" sub-command is the child process the benchmark measures; see IngestChild.
if (args is ["ingest", var childProvider, var childConnection, var childUser, var childPassword])
{
    return await IngestChild.RunAsync(childProvider, childConnection, childUser, childPassword);
}

var sizes = args.Length > 0 ? args[0].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [2000, 10000];
var self = typeof(IngestChild).Assembly.Location;
var scratch = Directory.CreateTempSubdirectory("mailroom-bench-").FullName;
var report = new List<string>
{
    "| mailbox | run | wall s | msg/s | MB/s | CPU s | peak RSS MB | vs raw | vs fetchmail |",
    "|---|---|---|---|---|---|---|---|---|",
};
var notes = new List<string>();
try
{
    foreach (var count in sizes)
    {
        var (user, password, bytes) = BenchEnvironment.CreateMailbox(count, seed: count);
        try
        {
            var megabytes = bytes / 1048576.0;
            Console.WriteLine($"{count} messages, {megabytes:0.0} MB");

            // The first session makes Dovecot index the new maildir; every measured run sees the same warm server.
            await RawDownload.RunAsync(user, password, Path.Combine(scratch, "warmup.raw"));
            // Best of two: the ceiling is what server, TLS and loopback can do, not what a busy moment allowed.
            var raw = double.MaxValue;
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var clock = Stopwatch.StartNew();
                await RawDownload.RunAsync(user, password, Path.Combine(scratch, "raw"));
                raw = Math.Min(raw, clock.Elapsed.TotalSeconds);
            }

            var fetchmail = await Fetchmail.RunAsync(user, password, scratch);
            var rows = new List<(string Name, double Wall, double? Cpu, long? Rss)>
        {
            ("raw pipelined download (ceiling)", raw, null, null),
            ("fetchmail, keep, to mbox", fetchmail.WallSeconds, fetchmail.CpuSeconds, fetchmail.PeakRssKilobytes),
        };

            foreach (var database in new[] { "Sqlite", "Postgres" })
            {
                var connection = database == "Sqlite"
                    ? $"Data Source={Path.Combine(scratch, $"bench-{count}.db")}"
                    : await CreatePostgresDatabaseAsync($"mailroom_bench_{count}_{Guid.NewGuid():N}");
                var child = await Measured.RunAsync("dotnet", [self, "ingest", database, connection, user, password]);
                var result = child.Output.Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal)).Split(' ');
                var ingest = double.Parse(result[1], CultureInfo.InvariantCulture);
                var poll = double.Parse(result[4], CultureInfo.InvariantCulture);
                rows.Add(($"Mailroom ingest into {database}", ingest, child.CpuSeconds, child.PeakRssKilobytes));
                notes.Add($"{count} messages, {database}: stored {result[2]} messages ({long.Parse(result[3], CultureInfo.InvariantCulture) / 1048576.0:0.0} MB); " +
                    $"nothing-new poll {poll:0.000} s wall ({result[5]} new). CPU and RSS are the whole child process (runtime start, migrations, both fetches).");
            }

            foreach (var (name, wall, cpu, rss) in rows)
            {
                report.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {count:N0} ({megabytes:0} MB) | {name} | {wall:0.00} | {count / wall:0} | {megabytes / wall:0.0} | {cpu?.ToString("0.0", CultureInfo.InvariantCulture) ?? "–"} | " +
                    $"{(rss is null ? "–" : (rss.Value / 1024.0).ToString("0", CultureInfo.InvariantCulture))} | {wall / raw:0.00}x | {wall / fetchmail.WallSeconds:0.00}x |"));
            }

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

static async Task<string> CreatePostgresDatabaseAsync(string name)
{
    await using var admin = new NpgsqlConnection(BenchEnvironment.PostgresConnection("postgres"));
    await admin.OpenAsync();
    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
    await create.ExecuteNonQueryAsync();
    return BenchEnvironment.PostgresConnection(name);
}
