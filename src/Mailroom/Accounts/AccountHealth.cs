using Mailroom.Data;
using Mailroom.Live;
using Mailroom.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailroom.Accounts;

/// <summary>
/// What background fetching tells an account about itself: the last successful fetch, and the consequences of failures.
/// The failure itself is shown from the fetch state the fetcher records. A server that keeps refusing the credentials
/// (the real password was changed and Mailroom was not told) disables the account after
/// <see cref="AccountsOptions.DisableAfterAuthenticationFailures"/> consecutive refusals, and the user is told
/// by email; temporary trouble (mailbox in use, server errors, connection failures) never disables it.
/// Counters change with single UPDATE statements so that several nodes and the user's own edits cannot lose one.
/// </summary>
internal sealed partial class AccountHealth(
    IDbContextFactory<MailroomDbContext> databases,
    AccountDisabledNotifier notifier,
    TimeProvider time,
    IOptionsMonitor<AccountsOptions> options,
    ILogger<AccountHealth> logger)
{
    public async Task RecordFetchSuccessAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Pop3Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(
            set => set
                .SetProperty(a => a.ConsecutiveAuthenticationFailures, 0)
                .SetProperty(a => a.LastSuccessfulFetchAt, time.GetUtcNow()),
            cancellationToken);
    }

    public async Task RecordFetchFailureAsync(Guid accountId, MailFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        // The fetcher never reports Cancelled here: shutdown ends a run as cancelled, not as a failure.
        if (!failure.IsCredentialRejection)
        {
            // Temporary trouble, certificates, policy: shown from the fetch state, never a reason to disable.
            LogFailureRecorded(logger, accountId, failure.Kind, failure.Reason);
            return;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var account = db.Pop3Accounts.Where(a => a.Id == accountId);
        await account.ExecuteUpdateAsync(
            set => set.SetProperty(a => a.ConsecutiveAuthenticationFailures, a => a.ConsecutiveAuthenticationFailures + 1),
            cancellationToken);

        var threshold = options.CurrentValue.DisableAfterAuthenticationFailures;
        var reason = $"Stopped after {threshold} failed sign-ins in a row: {failure.Message} " +
            "If the password changed, edit the account, enter the new password, test it and save.";

        // Only the statement that actually flips Active to Disabled sends the email, so it goes out once.
        var disabled = await account
            .Where(a => a.State == AccountState.Active && a.ConsecutiveAuthenticationFailures >= threshold)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.State, AccountState.Disabled).SetProperty(a => a.DisabledReason, reason), cancellationToken);
        if (disabled == 0)
        {
            LogFailureRecorded(logger, accountId, failure.Kind, failure.Reason);
            return;
        }

        LogDisabled(logger, accountId, threshold);
        await MailboxEvents.AppendForAccountAsync(db, accountId, MailboxChange.Account, time.GetUtcNow(), cancellationToken);
        await notifier.NotifyAsync(accountId, threshold, failure, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} fetch failed: {Kind} {Reason}")]
    private static partial void LogFailureRecorded(ILogger logger, Guid accountId, MailFailureKind kind, MailFailureReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} disabled after {Failures} consecutive authentication failures")]
    private static partial void LogDisabled(ILogger logger, Guid accountId, int failures);
}
