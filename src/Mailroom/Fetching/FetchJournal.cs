using Mailroom.Data;
using Mailroom.Live;
using Mailroom.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mailroom.Fetching;

/// <summary>Opens and closes a fetch in the database: its history row and the account's schedule row.</summary>
internal sealed class FetchJournal(IDbContextFactory<MailroomDbContext> databases, IOptionsMonitor<FetchingOptions> options, TimeProvider time)
{
    private const string InterruptedMessage = "The node that was fetching stopped unexpectedly; the next fetch carried on.";

    public async Task<FetchRunStart> BeginAsync(FetchLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();

        // Holding the lease means no other node is running this account: a run still marked running is a dead node's.
        await db.FetchRuns
            .Where(r => r.AccountId == lease.AccountId && r.Outcome == FetchOutcome.Running)
            .ExecuteUpdateAsync(r => r
                .SetProperty(x => x.Outcome, FetchOutcome.Interrupted)
                .SetProperty(x => x.FinishedAt, now)
                .SetProperty(x => x.FailureMessage, InterruptedMessage), cancellationToken);

        var run = new FetchRun { AccountId = lease.AccountId, Node = lease.Node, StartedAt = now, Outcome = FetchOutcome.Running };
        db.FetchRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        await db.AccountFetchStates
            .Where(s => s.AccountId == lease.AccountId && s.LeaseToken == lease.Token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.RunStartedAt, now)
                .SetProperty(x => x.MessagesDone, 0)
                .SetProperty(x => x.MessagesTotal, 0)
                .SetProperty(x => x.BytesDone, 0L)
                .SetProperty(x => x.BytesTotal, 0L)
                .SetProperty(x => x.ProgressUpdatedAt, now), cancellationToken);

        var previousFailures = await db.AccountFetchStates
            .Where(s => s.AccountId == lease.AccountId)
            .Select(s => s.ConsecutiveFailures)
            .FirstOrDefaultAsync(cancellationToken);
        await MailboxEvents.AppendForAccountAsync(db, lease.AccountId, MailboxChange.Fetch, now, cancellationToken);
        return new FetchRunStart(run.Id, now, previousFailures);
    }

    public async Task SucceedAsync(FetchLease lease, FetchRunStart run, FetchTally tally, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(tally);
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        var signedInAt = tally.SignedInAt ?? now;
        var next = FetchSchedule.AfterSuccess(signedInAt, now, settings, tally.ServerLoginDelay);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await CloseRunAsync(db, run, FetchOutcome.Succeeded, tally, failure: null, now, cancellationToken);
        await ReleaseAsync(db, lease, run, next, Earliest(signedInAt, now, tally.ServerLoginDelay), tally, consecutiveFailures: 0, failure: null, cancellationToken);
        await TrimHistoryAsync(db, lease.AccountId, settings.HistoryLength, cancellationToken);
        await MailboxEvents.AppendForAccountAsync(db, lease.AccountId, MailboxChange.Fetch, now, cancellationToken);
    }

    public async Task FailAsync(FetchLease lease, FetchRunStart run, FetchTally tally, MailFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(failure);
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        var failures = run.PreviousFailures + 1;
        var next = FetchSchedule.AfterFailure(failure, failures, tally.SignedInAt, now, settings, tally.ServerLoginDelay);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await CloseRunAsync(db, run, FetchOutcome.Failed, tally, failure, now, cancellationToken);
        await ReleaseAsync(db, lease, run, next, Earliest(tally.SignedInAt ?? now, now, tally.ServerLoginDelay), tally, failures, failure, cancellationToken);
        await TrimHistoryAsync(db, lease.AccountId, settings.HistoryLength, cancellationToken);
        await MailboxEvents.AppendForAccountAsync(db, lease.AccountId, MailboxChange.Fetch, now, cancellationToken);
    }

    /// <summary>Shutdown or a lost lease: not the account's fault, so its schedule and failure count stay as they were.</summary>
    public async Task CancelAsync(FetchLease lease, FetchRunStart run, FetchTally tally, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(run);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await CloseRunAsync(db, run, FetchOutcome.Cancelled, tally, failure: null, time.GetUtcNow(), cancellationToken);
        await db.AccountFetchStates
            .Where(s => s.AccountId == lease.AccountId && s.LeaseToken == lease.Token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.LeaseToken, (Guid?)null)
                .SetProperty(x => x.LeaseHolder, (string?)null)
                .SetProperty(x => x.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(x => x.RunStartedAt, (DateTimeOffset?)null), cancellationToken);
        await MailboxEvents.AppendForAccountAsync(db, lease.AccountId, MailboxChange.Fetch, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Gives the lease back without a run, e.g. when the account was disabled between claim and start.</summary>
    public async Task ReleaseUnusedAsync(FetchLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.AccountFetchStates
            .Where(s => s.AccountId == lease.AccountId && s.LeaseToken == lease.Token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.LeaseToken, (Guid?)null)
                .SetProperty(x => x.LeaseHolder, (string?)null)
                .SetProperty(x => x.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
    }

    private static Task<int> CloseRunAsync(
        MailroomDbContext db, FetchRunStart run, FetchOutcome outcome, FetchTally tally, MailFailure? failure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var kind = failure?.Kind;
        var message = failure?.Message;
        return db.FetchRuns.Where(r => r.Id == run.RunId).ExecuteUpdateAsync(r => r
            .SetProperty(x => x.Outcome, outcome)
            .SetProperty(x => x.FinishedAt, now)
            .SetProperty(x => x.NewMessages, tally.NewMessages)
            .SetProperty(x => x.NewBytes, tally.NewBytes)
            .SetProperty(x => x.SkippedMessages, tally.SkippedMessages)
            .SetProperty(x => x.DeletedFromServer, tally.DeletedFromServer)
            .SetProperty(x => x.FailureKind, kind)
            .SetProperty(x => x.FailureMessage, message), cancellationToken);
    }

    private static Task<int> ReleaseAsync(
        MailroomDbContext db, FetchLease lease, FetchRunStart run, DateTimeOffset next, DateTimeOffset earliest, FetchTally tally,
        int consecutiveFailures, MailFailure? failure, CancellationToken cancellationToken)
    {
        var signedInAt = tally.SignedInAt;
        var loginDelay = tally.ServerLoginDelay;
        var kind = failure?.Kind;
        var message = failure?.Message;

        // One conditional statement: a "Fetch now" that arrived during the run is not lost between a read and a write.
        return db.AccountFetchStates
            .Where(s => s.AccountId == lease.AccountId && s.LeaseToken == lease.Token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.NextFetchAt, x => x.FetchRequestedAt != null && x.FetchRequestedAt > run.StartedAt ? earliest : next)
                .SetProperty(x => x.ConsecutiveFailures, consecutiveFailures)
                .SetProperty(x => x.LastFailureKind, kind)
                .SetProperty(x => x.LastFailureMessage, message)
                .SetProperty(x => x.LastSignInAt, x => signedInAt ?? x.LastSignInAt)
                .SetProperty(x => x.ServerLoginDelay, x => signedInAt == null ? x.ServerLoginDelay : loginDelay)
                .SetProperty(x => x.LeaseToken, (Guid?)null)
                .SetProperty(x => x.LeaseHolder, (string?)null)
                .SetProperty(x => x.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(x => x.RunStartedAt, (DateTimeOffset?)null), cancellationToken);
    }

    private static async Task TrimHistoryAsync(MailroomDbContext db, Guid accountId, int keep, CancellationToken cancellationToken)
    {
        var oldestKept = await db.FetchRuns
            .Where(r => r.AccountId == accountId)
            .OrderByDescending(r => r.Id)
            .Skip(keep - 1)
            .Select(r => (long?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (oldestKept is { } id)
        {
            await db.FetchRuns.Where(r => r.AccountId == accountId && r.Id < id).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private static DateTimeOffset Earliest(DateTimeOffset signedInAt, DateTimeOffset now, TimeSpan? loginDelay)
    {
        var allowed = signedInAt + (loginDelay ?? TimeSpan.Zero);
        return allowed > now ? allowed : now;
    }
}

/// <summary>A started run; PreviousFailures (consecutive failures before it) sets the backoff if this run fails too.</summary>
internal sealed record FetchRunStart(long RunId, DateTimeOffset StartedAt, int PreviousFailures);
