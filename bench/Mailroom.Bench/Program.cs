using Mailroom.Bench;
using Mailroom.Bench.Reading;
using Mailroom.Bench.Scale;

// bench: dotnet bench/Mailroom.Bench/bin/Release/net10.0/Mailroom.Bench.dll [sizes, default 2000,10000] [--repeat 3] [--providers sqlite,postgres]
// "reading" is the reading benchmark (see Reading/ReadingBenchmark); "scale" the scale benchmark (see Scale/ScaleBenchmark); "ingest", "index-cost" and "raw" are the child
// processes the fetch benchmark measures (see IngestChild, IndexCost and RawDownload).
return args switch
{
    ["reading", .. var readingArgs] => await ReadingBenchmark.RunAsync(readingArgs),
    ["scale", .. var scaleArgs] => await ScaleBenchmark.RunAsync(scaleArgs),
    ["ingest", var provider, var connection, var user, var password] => await IngestChild.RunAsync(provider, connection, user, password),
    ["index-cost", var provider, var connection] => await IngestChild.RunIndexCostAsync(provider, connection),
    ["raw", var user, var password, var file] => await RawDownload.RunChildAsync(user, password, file),
    // For profiling one process by hand (bench/README.md, "Profile"): a kept mailbox of the benchmark's mix, and its removal.
    ["mailbox", "create", var count] => BenchEnvironment.PrintNewMailbox(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
    ["mailbox", "remove", var user] => BenchEnvironment.RemoveMailboxCommand(user),
    _ => await FetchBenchmark.RunAsync(FetchBenchmarkOptions.Parse(args)),
};
