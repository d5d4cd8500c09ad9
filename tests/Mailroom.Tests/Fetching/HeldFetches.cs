using System.Collections.Concurrent;
using Mailroom.Fetching;
using Mailroom.Network;

namespace Mailroom.Tests.Fetching;

/// <summary>
/// Stands in for the fetch engine under the scheduler: every fetch stays open until the test ends it (or until
/// <see cref="AutoEndAfter"/>), and the runner records which accounts started and how many ran at once per host.
/// </summary>
internal sealed class HeldFetches(Func<Guid, string>? hostOf = null) : IFetchRunner
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _open = new();
    private readonly ConcurrentDictionary<string, int> _perHost = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Guid> _started = new();
    private int _maxPerHost;

    public TimeSpan? AutoEndAfter { get; init; }

    public IReadOnlyCollection<Guid> Started => [.. _started];

    public int OpenCount => _open.Count;

    /// <summary>The most fetches that ran at the same time against one host.</summary>
    public int MaxPerHost => Volatile.Read(ref _maxPerHost);

    public async Task<MailFailure?> RunAsync(FetchLease lease, CancellationToken stoppingToken)
    {
        var host = hostOf?.Invoke(lease.AccountId) ?? "";
        var now = _perHost.AddOrUpdate(host, 1, (_, n) => n + 1);
        for (var max = MaxPerHost; now > max; max = MaxPerHost)
        {
            Interlocked.CompareExchange(ref _maxPerHost, now, max);
        }

        var end = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _open[lease.AccountId] = end;
        _started.Enqueue(lease.AccountId);
        try
        {
            await (AutoEndAfter is { } after ? Task.Delay(after, stoppingToken) : end.Task.WaitAsync(stoppingToken));
            return null;
        }
        finally
        {
            _open.TryRemove(lease.AccountId, out _);
            _perHost.AddOrUpdate(host, 0, (_, n) => n - 1);
        }
    }

    public void End(Guid accountId)
    {
        Assert.True(_open.TryGetValue(accountId, out var end), $"Account {accountId} is not being fetched.");
        end.SetResult();
    }

    /// <summary>Waits (in real time: the scheduler's clock is fake and never moves) until the condition holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime + timeout;
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow().UtcDateTime < deadline, $"Not within {timeout}: {what}");
            await Task.Delay(10);
        }
    }
}
