using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailroom.Fetching;

/// <summary>
/// Runs on every node: on each tick it gives new accounts a schedule row, claims as many due accounts as it has
/// free fetch slots, and fetches them in parallel. The database lease, not this class, keeps two nodes apart.
/// </summary>
internal sealed partial class FetchScheduler(
    IServiceScopeFactory scopes,
    IOptionsMonitor<FetchingOptions> options,
    TimeProvider time,
    ILogger<FetchScheduler> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, Task> _running = new();

    public string Node { get; } = string.IsNullOrWhiteSpace(options.CurrentValue.NodeName)
        ? $"{Environment.MachineName}/{Environment.ProcessId}"
        : options.CurrentValue.NodeName;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            return;
        }

        LogStarted(logger, Node);
        using var timer = new PeriodicTimer(options.CurrentValue.ClaimInterval, time);
        try
        {
            do
            {
                await ClaimAndStartAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
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

    /// <summary>One scheduler tick; public so tests can drive the scheduler without waiting for the timer.</summary>
    public async Task ClaimAndStartAsync(CancellationToken stoppingToken)
    {
        var settings = options.CurrentValue;
        foreach (var finished in _running.Where(entry => entry.Value.IsCompleted).ToList())
        {
            _running.TryRemove(finished);
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var leases = scope.ServiceProvider.GetRequiredService<FetchLeases>();
            await leases.ScheduleNewAccountsAsync(stoppingToken);
            var free = settings.MaxParallelFetches - _running.Count;
            var claimed = await leases.ClaimDueAsync(Node, free, settings.LeaseDuration, stoppingToken);
            foreach (var lease in claimed)
            {
                _running[lease.AccountId] = Task.Run(() => FetchAsync(lease, stoppingToken), CancellationToken.None);
            }
        }
        catch (Exception exception) when (exception is DbException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
        {
            // A database outage must not end the scheduler; it tries again on the next tick.
            LogClaimFailed(logger, exception);
        }
    }

    private async Task FetchAsync(FetchLease lease, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AccountFetcher>().FetchAsync(lease, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown before the fetch could record itself; its lease simply expires.
        }
        catch (Exception exception) when (exception is DbException or TimeoutException or InvalidOperationException)
        {
            // The fetch could not even be recorded (database away): its lease expires and the account is retried.
            LogFetchCrashed(logger, exception, lease.AccountId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetch scheduler running on node {Node}")]
    private static partial void LogStarted(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not claim due accounts; trying again on the next tick")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fetch of account {AccountId} could not be recorded; its lease will expire and it will be retried")]
    private static partial void LogFetchCrashed(ILogger logger, Exception exception, Guid accountId);
}
