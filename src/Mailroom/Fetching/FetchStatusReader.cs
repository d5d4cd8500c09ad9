using Mailroom.Accounts;
using Mailroom.Data;
using Mailroom.Network;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Fetching;

/// <summary>What pages and the API show about fetching: live progress (from the database, so any node can answer) and the run history.</summary>
internal sealed class FetchStatusReader(IDbContextFactory<MailroomDbContext> databases, TimeProvider time)
{
    public async Task<FetchStatus?> GetStatusAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var state = await db.AccountFetchStates.AsNoTracking().FirstOrDefaultAsync(s => s.AccountId == accountId, cancellationToken);
        return state is null ? null : ToStatus(state, time.GetUtcNow());
    }

    /// <summary>The owner's accounts that are fetching right now, for the mark in the left pane.</summary>
    public async Task<IReadOnlyList<FetchStatus>> GetFetchingAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var states = await db.AccountFetchStates.AsNoTracking()
            .Where(s => s.RunStartedAt != null && db.AccountsOf(ownerId).Any(a => a.Id == s.AccountId && a.State == AccountState.Active))
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return [.. states.Select(s => ToStatus(s, now)).Where(s => s.IsFetching)];
    }

    public async Task<IReadOnlyList<FetchRun>> GetHistoryAsync(Guid accountId, int take, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.FetchRuns.AsNoTracking()
            .Where(r => r.AccountId == accountId)
            .OrderByDescending(r => r.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Why messages were left on the server (size limit), newest first.</summary>
    public async Task<IReadOnlyList<UidLedgerEntry>> GetSkippedAsync(Guid accountId, int take, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.UidLedger.AsNoTracking()
            .Where(e => e.AccountId == accountId && e.SkippedReason != null)
            .OrderByDescending(e => e.FirstSeenAt)
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    internal static FetchStatus ToStatus(AccountFetchState state, DateTimeOffset now)
    {
        // A run whose lease has lapsed belongs to a node that died; it is not fetching any more.
        var fetching = state.RunStartedAt is not null && state.LeaseExpiresAt > now;
        return new FetchStatus(
            state.AccountId,
            fetching,
            fetching ? state.RunStartedAt : null,
            state.MessagesDone,
            state.MessagesTotal,
            state.BytesDone,
            state.BytesTotal,
            fetching ? Remaining(state, now) : null,
            state.ProgressUpdatedAt,
            state.NextFetchAt,
            state.LastFailureKind,
            state.LastFailureMessage,
            state.ConsecutiveFailures);
    }

    /// <summary>Time left at the byte rate seen so far in this run; unknown until some bytes have arrived.</summary>
    private static TimeSpan? Remaining(AccountFetchState state, DateTimeOffset now)
    {
        var elapsed = now - state.RunStartedAt!.Value;
        if (state.BytesDone <= 0 || state.BytesTotal <= state.BytesDone || elapsed <= TimeSpan.Zero)
        {
            return state.BytesTotal > 0 && state.BytesTotal <= state.BytesDone ? TimeSpan.Zero : null;
        }

        var bytesPerTick = state.BytesDone / (double)elapsed.Ticks;
        return TimeSpan.FromTicks((long)((state.BytesTotal - state.BytesDone) / bytesPerTick));
    }
}

/// <summary>An account's fetch state for pages and the API; EstimatedRemaining is null while unknown or when not fetching.</summary>
internal sealed record FetchStatus(
    Guid AccountId,
    bool IsFetching,
    DateTimeOffset? RunStartedAt,
    int MessagesDone,
    int MessagesTotal,
    long BytesDone,
    long BytesTotal,
    TimeSpan? EstimatedRemaining,
    DateTimeOffset? ProgressUpdatedAt,
    DateTimeOffset NextFetchAt,
    MailFailureKind? LastFailureKind,
    string? LastFailureMessage,
    int ConsecutiveFailures);
