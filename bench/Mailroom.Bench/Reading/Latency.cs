using System.Diagnostics;
using System.Globalization;

namespace Mailroom.Bench.Reading;

/// <summary>Wall time of repeated HTTP requests, one after another, each including reading the whole response.</summary>
internal sealed record Latency(string Name, int Requests, double P50, double P95, double Max, long ResponseBytes)
{
    public static async Task<Latency> MeasureAsync(HttpClient client, string name, Func<int, string> url, int requests, CancellationToken cancellationToken)
    {
        // Warm up this exact request (JIT tiers, connection pool, database caches) before timing it.
        for (var i = 0; i < 100; i++)
        {
            await GetAsync(client, url(i), cancellationToken);
        }

        var times = new double[requests];
        long bytes = 0;
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            bytes = await GetAsync(client, url(i), cancellationToken);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return new Latency(name, requests, Percentile(times, 0.50), Percentile(times, 0.95), times[^1], bytes);
    }

    public string ToMarkdownRow() => string.Create(
        CultureInfo.InvariantCulture, $"| {Name} | {Requests} | {P50:F1} | {P95:F1} | {Max:F1} | {ResponseBytes:N0} |");

    private static async Task<long> GetAsync(HttpClient client, string url, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        }

        return body.LongLength;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
