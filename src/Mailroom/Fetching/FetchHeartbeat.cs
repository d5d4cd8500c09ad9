using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailroom.Fetching;

/// <summary>
/// While a fetch runs: publishes its progress and renews its lease in one write every ProgressInterval. If the
/// lease turns out lost (this node stalled past the expiry and another node took the account), the fetch is
/// cancelled so two nodes never keep working on one account.
/// </summary>
internal sealed partial class FetchHeartbeat(FetchStateStore states, IOptionsMonitor<FetchingOptions> options, TimeProvider time, ILogger<FetchHeartbeat> logger)
{
    public async Task RunAsync(FetchLease lease, FetchProgress progress, CancellationTokenSource fetch, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(fetch);
        var settings = options.CurrentValue;
        var validUntil = lease.ExpiresAt;

        // Beats until the fetch ends (stop) or the lease is lost.
        await PeriodicWork.RunWhileAsync(settings.ProgressInterval, time, FirstRun.AfterOneInterval, async token =>
        {
            var renewing = time.GetUtcNow();
            if (renewing >= validUntil)
            {
                // No renewal got through before the expiry: another node may hold the account now. Stop first, ask later.
                LogLeaseLost(logger, lease.AccountId, lease.Node);
                await fetch.CancelAsync();
                return false;
            }

            bool held;
            try
            {
                held = await states.RenewAsync(lease, progress.Snapshot(), settings.LeaseDuration, token);
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException)
            {
                // The lease has slack for a few missed beats; a database that stays away lets it expire.
                LogRenewFailed(logger, exception, lease.AccountId);
                return true;
            }

            if (!held)
            {
                LogLeaseLost(logger, lease.AccountId, lease.Node);
                await fetch.CancelAsync();
                return false;
            }

            validUntil = renewing + settings.LeaseDuration;
            return true;
        }, stop);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the fetch lease of account {AccountId}; retrying on the next beat")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, Guid accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} lost the fetch lease of account {AccountId}; stopping its fetch")]
    private static partial void LogLeaseLost(ILogger logger, Guid accountId, string node);
}
