using Mailroom.Data;
using Mailroom.Live;
using Mailroom.Messages;
using Mailroom.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mailroom.Fetching;

/// <summary>Opens and closes a fetch: its history row here, the account's schedule row through <see cref="FetchStateStore"/>.</summary>
internal sealed class FetchJournal(
    IDbContextFactory<MailroomDbContext> databases, FetchStateStore states, IOptionsMonitor<FetchingOptions> options, TimeProvider time)
{
    private const string InterruptedMessage = "The node that was fetching stopped unexpectedly; the next fetch carried on.";

    public async Task<FetchRunStart> BeginAsync(FetchLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();

        // Holding the lease means no other node is running this account: a run still marked running is a dead node's.
        // Its batches were committed one by one, so what it stored is in the inbox since it started: report that, not 0.
        await db.FetchRuns
            .Where(r => r.AccountId == lease.AccountId && r.Outcome == FetchOutcome.Running)
            .ExecuteUpdateAsync(r => r
                .SetProperty(x => x.Outcome, FetchOutcome.Interrupted)
                .SetProperty(x => x.FinishedAt, now)
                .SetProperty(x => x.NewMessages, x => db.Messages.Count(m => m.AccountId == x.AccountId && m.Folder == MailFolder.Inbox && m.StoredAt >= x.StartedAt))
                .SetProperty(x => x.NewBytes, x => db.Messages.Where(m => m.AccountId == x.AccountId && m.Folder == MailFolder.Inbox && m.StoredAt >= x.StartedAt).Sum(m => m.Size))
                .SetProperty(x => x.FailureMessage, InterruptedMessage), cancellationToken);

        var run = new FetchRun { AccountId = lease.AccountId, Node = lease.Node, StartedAt = now, Outcome = FetchOutcome.Running };
        db.FetchRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        var previousFailures = await states.BeginRunAsync(lease, now, cancellationToken);
        await MailboxEvents.AppendForAccountAsync(db, lease.AccountId, MailboxChange.Fetch, now, cancellationToken);
        return new FetchRunStart(run.Id, now, previousFailures);
    }

    public async Task SucceedAsync(FetchLease lease, FetchRunStart run, FetchTally tally, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(run);
        var now = time.GetUtcNow();
        await CloseRunAsync(run, FetchOutcome.Succeeded, tally, failure: null, now, cancellationToken);
        await states.ReleaseAsync(lease, FetchSchedule.Succeeded(tally, now, options.CurrentValue), cancellationToken);
        await TrimHistoryAsync(lease.AccountId, cancellationToken);
        await AnnounceAsync(lease.AccountId, now, cancellationToken);
    }

    public async Task FailAsync(FetchLease lease, FetchRunStart run, FetchTally tally, MailFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(run);
        var now = time.GetUtcNow();
        await CloseRunAsync(run, FetchOutcome.Failed, tally, failure, now, cancellationToken);
        await states.ReleaseAsync(lease, FetchSchedule.Failed(tally, failure, run.PreviousFailures, now, options.CurrentValue), cancellationToken);
        await TrimHistoryAsync(lease.AccountId, cancellationToken);
        await AnnounceAsync(lease.AccountId, now, cancellationToken);
    }

    /// <summary>Shutdown or a lost lease: not the account's fault, so its schedule and failure count stay as they were.</summary>
    public async Task CancelAsync(FetchLease lease, FetchRunStart run, FetchTally tally, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(run);
        var now = time.GetUtcNow();
        await CloseRunAsync(run, FetchOutcome.Cancelled, tally, failure: null, now, cancellationToken);
        await states.ReleaseUnchangedAsync([lease], cancellationToken);
        await AnnounceAsync(lease.AccountId, now, cancellationToken);
    }

    /// <summary>Open fetch panels and progress marks redraw from the state just written.</summary>
    private async Task AnnounceAsync(Guid accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await MailboxEvents.AppendForAccountAsync(db, accountId, MailboxChange.Fetch, now, cancellationToken);
    }

    private async Task CloseRunAsync(FetchRunStart run, FetchOutcome outcome, FetchTally tally, MailFailure? failure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var kind = failure?.Kind;
        var message = failure?.Message;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.FetchRuns.Where(r => r.Id == run.RunId).ExecuteUpdateAsync(r => r
            .SetProperty(x => x.Outcome, outcome)
            .SetProperty(x => x.FinishedAt, now)
            .SetProperty(x => x.NewMessages, tally.NewMessages)
            .SetProperty(x => x.NewBytes, tally.NewBytes)
            .SetProperty(x => x.SkippedMessages, tally.SkippedMessages)
            .SetProperty(x => x.DeletedFromServer, tally.DeletedFromServer)
            .SetProperty(x => x.FailureKind, kind)
            .SetProperty(x => x.FailureMessage, message), cancellationToken);
    }

    private async Task TrimHistoryAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var oldestKept = await db.FetchRuns
            .Where(r => r.AccountId == accountId)
            .OrderByDescending(r => r.Id)
            .Skip(options.CurrentValue.HistoryLength - 1)
            .Select(r => (long?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (oldestKept is { } id)
        {
            await db.FetchRuns.Where(r => r.AccountId == accountId && r.Id < id).ExecuteDeleteAsync(cancellationToken);
        }
    }
}

/// <summary>A started run; PreviousFailures (consecutive failures before it) sets the backoff if this run fails too.</summary>
internal sealed record FetchRunStart(long RunId, DateTimeOffset StartedAt, int PreviousFailures);
