using System.Collections.Concurrent;
using System.Data.Common;
using Mailroom.Network;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailroom.Fetching;

/// <summary>
/// Runs on every node and keeps its fetch slots busy. It claims when woken (a slot came free while more accounts were
/// due, a "Fetch now" or a new account on this node) and otherwise every ClaimInterval, jittered so that several nodes
/// take turns at newly due accounts. "Fetch now" requests have spare slots of their own, so they start at once however
/// busy the node is. The database lease, not this class, keeps two nodes apart; <see cref="HostGate"/> keeps the
/// node polite to each server.
/// </summary>
internal sealed partial class FetchScheduler(
    IServiceScopeFactory scopes,
    IFetchRunner runner,
    FetchWakeup wakeup,
    HostGate hosts,
    FetchMetrics metrics,
    IOptionsMonitor<FetchingOptions> options,
    TimeProvider time,
    ILogger<FetchScheduler> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, Task> _running = new();

    // The last claim took every slot it asked for, had to hand accounts back, or left out a full or backing-off host:
    // more accounts may be waiting, so a slot that comes free claims at once instead of at the next interval.
    private volatile bool _backlog;

    public string Node { get; } = string.IsNullOrWhiteSpace(options.CurrentValue.NodeName)
        ? $"{Environment.MachineName}/{Environment.ProcessId}"
        : options.CurrentValue.NodeName;

    /// <summary>Accounts this node is fetching right now.</summary>
    public int RunningCount => _running.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            return;
        }

        LogStarted(logger, Node);
        try
        {
            while (true)
            {
                await ClaimAndStartAsync(stoppingToken);
                await wakeup.WaitAsync(Jittered(options.CurrentValue.ClaimInterval), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: the running fetches see the same token and record themselves as cancelled.
        }
        finally
        {
            await Task.WhenAll(_running.Values);
        }
    }

    /// <summary>One claim round; public so tests can drive the scheduler without its loop.</summary>
    public async Task ClaimAndStartAsync(CancellationToken stoppingToken)
    {
        var settings = options.CurrentValue;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var states = scope.ServiceProvider.GetRequiredService<FetchStateStore>();
            await states.ScheduleNewAccountsAsync(stoppingToken);
            var closedHosts = hosts.Closed();
            var running = _running.Count;
            var requested = await states.ClaimDueAsync(
                Node, settings.MaxParallelFetches + settings.FetchNowSlots - running, settings.LeaseDuration, new ClaimFilter(true, closedHosts), stoppingToken);
            var regularFree = settings.MaxParallelFetches - running - requested.Count;
            var regular = await states.ClaimDueAsync(Node, regularFree, settings.LeaseDuration, new ClaimFilter(false, closedHosts), stoppingToken);

            var handBack = new List<FetchLease>();
            foreach (var claimed in requested.Concat(regular))
            {
                if (hosts.TryEnter(claimed.Host))
                {
                    Start(claimed, stoppingToken);
                }
                else
                {
                    handBack.Add(claimed.Lease);
                }
            }

            _backlog = regularFree <= 0 || regular.Count == regularFree || handBack.Count > 0 || closedHosts.Count > 0;
            await states.ReleaseUnchangedAsync(handBack, stoppingToken);
        }
        catch (Exception exception) when (exception is DbException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
        {
            // A database outage must not end the scheduler; it tries again on the next round.
            LogClaimFailed(logger, exception);
        }
    }

    private void Start(ClaimedAccount claimed, CancellationToken stoppingToken)
    {
        // Registered before it runs, so a fetch that ends at once cannot remove itself before it was added.
        var fetch = new Task<Task>(() => FetchAsync(claimed, stoppingToken));
        _running[claimed.Lease.AccountId] = fetch.Unwrap();
        fetch.Start(TaskScheduler.Default);
    }

    private async Task FetchAsync(ClaimedAccount claimed, CancellationToken stoppingToken)
    {
        MailFailure? failure = null;
        var startedAt = time.GetTimestamp();
        metrics.Started();
        try
        {
            failure = await runner.RunAsync(claimed.Lease, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown before the fetch could record itself; its lease simply expires.
        }
        catch (Exception exception) when (exception is DbException or TimeoutException or InvalidOperationException)
        {
            // The fetch could not even be recorded (database away): its lease expires and the account is retried.
            LogFetchCrashed(logger, exception, claimed.Lease.AccountId);
        }
        finally
        {
            hosts.Exit(claimed.Host, failure);
            _running.TryRemove(claimed.Lease.AccountId, out _);
            metrics.Finished(failure, time.GetElapsedTime(startedAt));
            if (_backlog)
            {
                wakeup.Signal();
            }
        }
    }

    private static TimeSpan Jittered(TimeSpan interval) =>
#pragma warning disable CA5394 // Spreading nodes' claim rounds apart needs no cryptographic randomness.
        interval * (0.5 + (Random.Shared.NextDouble() / 2));
#pragma warning restore CA5394

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetch scheduler running on node {Node}")]
    private static partial void LogStarted(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not claim due accounts; trying again on the next round")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fetch of account {AccountId} could not be recorded; its lease will expire and it will be retried")]
    private static partial void LogFetchCrashed(ILogger logger, Exception exception, Guid accountId);
}
