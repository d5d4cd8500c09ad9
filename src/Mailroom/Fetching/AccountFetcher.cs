using Mailroom.Accounts;
using Mailroom.Data;
using Mailroom.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mailroom.Fetching;

/// <summary>
/// Runs one fetch for an account this node holds the lease on, and records how it ended. Every failure is named by
/// <see cref="MailFailureClassifier"/>; cancellation (shutdown, lost lease) is recorded as such and never counts
/// against the account.
/// </summary>
internal sealed partial class AccountFetcher(
    IDbContextFactory<MailroomDbContext> databases,
    Pop3MailboxSync sync,
    FetchJournal journal,
    FetchStateStore states,
    FetchHeartbeat heartbeat,
    AccountHealth health,
    TimeProvider time,
    ILogger<AccountFetcher> logger)
{
    // Recording the end of a run must survive the shutdown that cancelled it.
    private static readonly TimeSpan BookkeepingTimeout = TimeSpan.FromSeconds(10);

    private static readonly MailFailure Stopped = new(MailFailureKind.Cancelled, MailFailureReason.Shutdown, "Stopped before it finished.");

    /// <summary>Null when the fetch succeeded (or there was nothing to fetch); otherwise how it failed or that it was stopped.</summary>
    public async Task<MailFailure?> FetchAsync(FetchLease lease, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        // The heartbeat starts before anything else: the lease must be renewed from the first moment it is held.
        var progress = new FetchProgress();
        var tally = new FetchTally();
        using var fetch = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var stopBeating = new CancellationTokenSource();
        var beating = heartbeat.RunAsync(lease, progress, fetch, stopBeating.Token);
        FetchTarget? target;
        FetchRunStart run;
        try
        {
            target = await LoadTargetAsync(lease.AccountId, fetch.Token);
            run = target is null ? new FetchRunStart(0, lease.ExpiresAt, 0) : await journal.BeginAsync(lease, fetch.Token);
        }
        catch
        {
            await stopBeating.CancelAsync();
            await beating;
            throw;
        }

        if (target is null)
        {
            await stopBeating.CancelAsync();
            await beating;
            await states.ReleaseUnchangedAsync([lease], stoppingToken);
            return null;
        }

        LogStarted(logger, lease.AccountId, lease.Node);
        MailFailure? failure = null;
        try
        {
            await sync.RunAsync(lease, target, progress, tally, fetch.Token);
        }
#pragma warning disable CA1031 // The one place a fetch's exceptions become its recorded outcome; nothing is swallowed.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            failure = fetch.IsCancellationRequested || exception is LeaseLostException ? Stopped : MailFailureClassifier.Classify(exception);
            if (failure.Kind != MailFailureKind.Cancelled && exception is not MailFailureException)
            {
                LogUnexpected(logger, exception, lease.AccountId);
            }
        }
        finally
        {
            await stopBeating.CancelAsync();
            await beating;
        }

        using var bookkeeping = new CancellationTokenSource(BookkeepingTimeout, time);
        await FinishAsync(lease, run, tally, failure, bookkeeping.Token);
        return failure;
    }

    private async Task FinishAsync(FetchLease lease, FetchRunStart run, FetchTally tally, MailFailure? failure, CancellationToken cancellationToken)
    {
        switch (failure)
        {
            case null:
                await journal.SucceedAsync(lease, run, tally, cancellationToken);
                await health.RecordFetchSuccessAsync(lease.AccountId, cancellationToken);
                LogSucceeded(logger, lease.AccountId, tally.NewMessages, tally.NewBytes, tally.DeletedFromServer);
                break;
            case { Kind: MailFailureKind.Cancelled }:
                await journal.CancelAsync(lease, run, tally, cancellationToken);
                LogCancelled(logger, lease.AccountId, tally.NewMessages);
                break;
            default:
                await journal.FailAsync(lease, run, tally, failure, cancellationToken);
                await health.RecordFetchFailureAsync(lease.AccountId, failure, cancellationToken);
                LogFailed(logger, lease.AccountId, failure.Kind, failure.Reason, tally.NewMessages);
                break;
        }
    }

    private async Task<FetchTarget?> LoadTargetAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var account = await db.Pop3Accounts.AsNoTracking()
            .Where(a => a.Id == accountId && a.State == AccountState.Active)
            .Select(a => new { a.Id, a.OwnerId, a.Host, a.Port, a.UseSsl, a.UserName, a.ProtectedPassword, a.AfterRetrieval, a.DeleteAfterDays })
            .FirstOrDefaultAsync(cancellationToken);
        return account is null
            ? null
            : new FetchTarget(
                account.Id,
                account.OwnerId,
                new MailEndpoint(account.Host, account.Port, account.UseSsl ? MailTransportSecurity.SslOnConnect : MailTransportSecurity.StartTls),
                account.UserName,
                account.ProtectedPassword,
                new RetrievalRule(account.AfterRetrieval, account.DeleteAfterDays));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fetching account {AccountId} on node {Node}")]
    private static partial void LogStarted(ILogger logger, Guid accountId, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched account {AccountId}: {NewMessages} new messages, {NewBytes} bytes, {Deleted} deleted from the server")]
    private static partial void LogSucceeded(ILogger logger, Guid accountId, int newMessages, long newBytes, int deleted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetch of account {AccountId} stopped by shutdown or a lost lease after {NewMessages} new messages")]
    private static partial void LogCancelled(ILogger logger, Guid accountId, int newMessages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetch of account {AccountId} failed: {Kind} ({Reason}) after {NewMessages} new messages")]
    private static partial void LogFailed(ILogger logger, Guid accountId, MailFailureKind kind, MailFailureReason reason, int newMessages);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fetch of account {AccountId} hit an unexpected error")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, Guid accountId);
}
