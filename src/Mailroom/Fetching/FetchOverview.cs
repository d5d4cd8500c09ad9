using Mailroom.Accounts;
using Mailroom.Data;
using Mailroom.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mailroom.Fetching;

/// <summary>
/// The schedule as operators see it, read from the shared database so every node reports the whole cluster: accounts
/// due, fetching and lagging (due for more than one poll interval), and per node what it is fetching, how many polls it
/// finished in the last minute and its failures of the last hour by kind.
/// </summary>
internal sealed class FetchOverviewReader(IDbContextFactory<MailroomDbContext> databases, IOptionsMonitor<FetchingOptions> options, TimeProvider time)
{
    public async Task<FetchOverview> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var lagging = now - options.CurrentValue.PollInterval;
        var lastMinute = now.AddMinutes(-1);
        var lastHour = now.AddHours(-1);
        var states = db.AccountFetchStates.Where(s => db.Pop3Accounts.Any(a => a.Id == s.AccountId && a.State == AccountState.Active));
        var leased = states.Where(s => s.LeaseExpiresAt > now);
        var idle = states.Where(s => s.LeaseExpiresAt == null || s.LeaseExpiresAt <= now);

        var accounts = await states.CountAsync(cancellationToken);
        var due = await idle.CountAsync(s => s.NextFetchAt <= now, cancellationToken);
        var late = await idle.CountAsync(s => s.NextFetchAt < lagging, cancellationToken);
        var fetching = await leased.Where(s => s.RunStartedAt != null).GroupBy(s => s.LeaseHolder ?? "")
            .Select(g => new { Node = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var polls = await db.FetchRuns.Where(r => r.FinishedAt >= lastMinute).GroupBy(r => r.Node)
            .Select(g => new { Node = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var failures = await db.FetchRuns.Where(r => r.FinishedAt >= lastHour && r.Outcome == FetchOutcome.Failed && r.FailureKind != null)
            .GroupBy(r => new { r.Node, r.FailureKind })
            .Select(g => new { g.Key.Node, g.Key.FailureKind, Count = g.Count() }).ToListAsync(cancellationToken);

        var nodes = fetching.Select(f => f.Node).Union(polls.Select(p => p.Node)).Union(failures.Select(f => f.Node)).Order(StringComparer.Ordinal)
            .Select(node => new NodeActivity(
                node,
                fetching.Where(f => f.Node == node).Sum(f => f.Count),
                polls.Where(p => p.Node == node).Sum(p => p.Count),
                failures.Where(f => f.Node == node).ToDictionary(f => f.FailureKind!.Value, f => f.Count)))
            .ToList();
        return new FetchOverview(now, accounts, due, fetching.Sum(f => f.Count), late, nodes);
    }
}

internal sealed record FetchOverview(DateTimeOffset At, int Accounts, int Due, int Fetching, int Lagging, IReadOnlyList<NodeActivity> Nodes)
{
    public int PollsLastMinute => Nodes.Sum(n => n.PollsLastMinute);

    public IReadOnlyDictionary<MailFailureKind, int> FailuresLastHour => Nodes.SelectMany(n => n.FailuresLastHour)
        .GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
}

internal sealed record NodeActivity(string Node, int Fetching, int PollsLastMinute, IReadOnlyDictionary<MailFailureKind, int> FailuresLastHour);
