using Mailroom.Fetching;

namespace Mailroom.Bench.Scale;

/// <summary>What the runs of the measured window say: polls, on-time fraction, overlaps, split per node.</summary>
internal sealed record ScaleFigures(int Polls, int Failed, double WindowSeconds, double OnTimeFraction, int Overlaps, IReadOnlyDictionary<string, int> ByNode, TimeSpan WorstGap)
{
    public static ScaleFigures From(IReadOnlyList<FetchRun> runs, DateTimeOffset windowStart, DateTimeOffset windowEnd, ScaleSettings settings)
    {
        var inWindow = runs.Where(r => r.FinishedAt >= windowStart && r.FinishedAt < windowEnd).ToList();
        var allowed = settings.Interval * 1.1;
        var onTime = 0;
        var worst = TimeSpan.Zero;
        var overlaps = 0;
        var accounts = runs.GroupBy(r => r.AccountId).ToList();
        foreach (var account in accounts)
        {
            var starts = account.OrderBy(r => r.StartedAt).ToList();
            for (var i = 1; i < starts.Count; i++)
            {
                if (starts[i - 1].FinishedAt is not { } end || end > starts[i].StartedAt)
                {
                    overlaps++;
                }
            }

            // Every moment of the window must be within interval + 10 % of the account's previous poll.
            var moments = starts.Select(r => r.StartedAt).Where(s => s < windowEnd).Append(windowEnd).ToList();
            var gaps = moments.Zip(moments.Skip(1), (a, b) => (From: a, Gap: b - a)).Where(g => g.From + g.Gap >= windowStart).Select(g => g.Gap).ToList();
            var longest = gaps.DefaultIfEmpty(TimeSpan.MaxValue).Max();
            worst = longest > worst ? longest : worst;
            onTime += longest <= allowed ? 1 : 0;
        }

        return new ScaleFigures(
            inWindow.Count,
            inWindow.Count(r => r.Outcome == FetchOutcome.Failed),
            (windowEnd - windowStart).TotalSeconds,
            accounts.Count == 0 ? 0 : onTime / (double)settings.Accounts,
            overlaps,
            inWindow.GroupBy(r => r.Node).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            worst);
    }
}
