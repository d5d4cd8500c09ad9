using Mailroom.Data;
using Mailroom.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mailroom.Fetching;

/// <summary>
/// The only writer of an account's schedule and lease row (<see cref="AccountFetchState"/>). Every change is ONE
/// conditional statement, so two nodes, a "Fetch now" and a finishing fetch can never lose each other's writes:
/// claim, renew, fence, begin, release, request (a renewal also announces the progress to open pages). When an account is due next is decided by <see cref="FetchSchedule"/>.
/// Claiming: SQLite has a single writer, and on PostgreSQL the candidate rows are locked with FOR UPDATE SKIP LOCKED
/// inside the subquery (an outer LIMIT would lock every candidate, see STACK-NOTES §5).
/// </summary>
internal sealed class FetchStateStore(IDbContextFactory<MailroomDbContext> databases, TimeProvider time)
{
    private static readonly DateTimeOffsetToBinaryConverter SqliteInstant = new();

    /// <summary>Gives every active account without a schedule row one that is due now: a new account is fetched at once.</summary>
    public async Task ScheduleNewAccountsAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = Instant(db, time.GetUtcNow());

        // ON CONFLICT: another node may insert the same row at the same moment.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AccountFetchStates" ("AccountId", "NextFetchAt", "ConsecutiveFailures", "MessagesDone", "MessagesTotal", "BytesDone", "BytesTotal")
            SELECT a."Id", {now}, 0, 0, 0, 0, 0 FROM "Pop3Accounts" AS a
            WHERE a."State" = 0 AND NOT EXISTS (SELECT 1 FROM "AccountFetchStates" AS s WHERE s."AccountId" = a."Id")
            ON CONFLICT DO NOTHING
            """, cancellationToken);
    }

    /// <summary>
    /// Takes up to <paramref name="limit"/> due, unleased, active accounts for this node, most overdue first, leaving out
    /// accounts on <see cref="ClaimFilter.SkippedHosts"/> (host names in lower case).
    /// </summary>
    public async Task<IReadOnlyList<ClaimedAccount>> ClaimDueAsync(string node, int limit, TimeSpan leaseDuration, ClaimFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (limit <= 0)
        {
            return [];
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var token = Guid.NewGuid();
        var utcNow = time.GetUtcNow();
        var now = Instant(db, utcNow);
        var expires = Instant(db, utcNow + leaseDuration);
        var requestedOnly = filter.RequestedOnly;
        var claimed = db.Database.IsNpgsql()
            ? await db.Database.SqlQuery<Guid>($"""
                UPDATE "AccountFetchStates" SET "LeaseToken" = {token}, "LeaseHolder" = {node}, "LeaseExpiresAt" = {expires}
                WHERE "AccountId" IN (
                    SELECT s."AccountId" FROM "AccountFetchStates" AS s
                    WHERE s."NextFetchAt" <= {now} AND (s."LeaseExpiresAt" IS NULL OR s."LeaseExpiresAt" <= {now})
                      AND ({requestedOnly} = FALSE OR s."FetchRequestedAt" IS NOT NULL)
                      AND EXISTS (SELECT 1 FROM "Pop3Accounts" AS a WHERE a."Id" = s."AccountId" AND a."State" = 0
                                  AND lower(a."Host") <> ALL({filter.SkippedHosts.ToArray()}))
                    ORDER BY s."NextFetchAt" LIMIT {limit}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "AccountId" AS "Value"
                """).ToListAsync(cancellationToken)
            : await db.Database.SqlQuery<Guid>($"""
                UPDATE "AccountFetchStates" SET "LeaseToken" = {token}, "LeaseHolder" = {node}, "LeaseExpiresAt" = {expires}
                WHERE "AccountId" IN (
                    SELECT s."AccountId" FROM "AccountFetchStates" AS s
                    WHERE s."NextFetchAt" <= {now} AND (s."LeaseExpiresAt" IS NULL OR s."LeaseExpiresAt" <= {now})
                      AND ({requestedOnly} = 0 OR s."FetchRequestedAt" IS NOT NULL)
                      AND EXISTS (SELECT 1 FROM "Pop3Accounts" AS a WHERE a."Id" = s."AccountId" AND a."State" = 0
                                  AND lower(a."Host") NOT IN (SELECT value FROM json_each({System.Text.Json.JsonSerializer.Serialize(filter.SkippedHosts)})))
                    ORDER BY s."NextFetchAt" LIMIT {limit})
                RETURNING "AccountId" AS "Value"
                """).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return [];
        }

        var hosts = await db.Pop3Accounts.AsNoTracking().Where(a => claimed.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Host, cancellationToken);
        return [.. claimed.Select(accountId => new ClaimedAccount(
            new FetchLease(accountId, token, node, utcNow + leaseDuration), hosts.TryGetValue(accountId, out var host) ? host : ""))];
    }

    /// <summary>Extends the lease and publishes progress in one write. False: the lease was lost (expired and taken), so the fetch must stop.</summary>
    public async Task<bool> RenewAsync(FetchLease lease, FetchProgressSnapshot progress, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(progress);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var renewed = await Held(db, lease)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.LeaseExpiresAt, now + leaseDuration)
                .SetProperty(x => x.MessagesDone, progress.MessagesDone)
                .SetProperty(x => x.MessagesTotal, progress.MessagesTotal)
                .SetProperty(x => x.BytesDone, progress.BytesDone)
                .SetProperty(x => x.BytesTotal, progress.BytesTotal)
                .SetProperty(x => x.ProgressUpdatedAt, now), cancellationToken);
        if (renewed == 1)
        {
            // Progress marks and the fetch panel follow a running fetch live.
            await MailboxEvents.AppendForAccountAsync(db, lease.AccountId, MailboxChange.Fetch, now, cancellationToken);
        }

        return renewed == 1;
    }

    /// <summary>
    /// Fencing, inside a batch's transaction: true only while this node still holds an unexpired lease. On PostgreSQL the
    /// update also locks the schedule row until the commit, so a claim by another node (SKIP LOCKED) cannot slip in between.
    /// </summary>
    public static async Task<bool> HoldsAsync(MailroomDbContext db, FetchLease lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lease);
        var held = await Held(db, lease)
            .Where(s => s.LeaseExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ProgressUpdatedAt, now), cancellationToken);
        return held == 1;
    }

    /// <summary>A run starts: progress back to zero. Returns the failures before it (they set the backoff if it fails too).</summary>
    public async Task<int> BeginRunAsync(FetchLease lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await Held(db, lease)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.RunStartedAt, now)
                .SetProperty(x => x.MessagesDone, 0)
                .SetProperty(x => x.MessagesTotal, 0)
                .SetProperty(x => x.BytesDone, 0L)
                .SetProperty(x => x.BytesTotal, 0L)
                .SetProperty(x => x.ProgressUpdatedAt, now), cancellationToken);
        return await db.AccountFetchStates.Where(s => s.AccountId == lease.AccountId).Select(s => s.ConsecutiveFailures).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// A run ended: frees the lease and writes the next due time. A "Fetch now" that arrived during the run makes the
    /// account due again at <see cref="FetchEnd.SignInAllowedAt"/> instead; the condition is in the statement, so it is not
    /// lost between a read and a write.
    /// </summary>
    public async Task ReleaseAsync(FetchLease lease, FetchEnd end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(end);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var signedInAt = end.SignedInAt;
        var loginDelay = end.ServerLoginDelay;
        var allowedAt = end.SignInAllowedAt;
        var kind = end.Failure?.Kind;
        var message = end.Failure?.Message;
        await Held(db, lease)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.NextFetchAt, x => x.FetchRequestedAt != null && x.FetchRequestedAt > x.RunStartedAt ? allowedAt : end.NextFetchAt)
                .SetProperty(x => x.FetchRequestedAt, x => x.FetchRequestedAt != null && x.FetchRequestedAt > x.RunStartedAt ? x.FetchRequestedAt : null)
                .SetProperty(x => x.ConsecutiveFailures, end.ConsecutiveFailures)
                .SetProperty(x => x.LastFailureKind, kind)
                .SetProperty(x => x.LastFailureMessage, message)
                .SetProperty(x => x.LastSignInAt, x => signedInAt ?? x.LastSignInAt)
                .SetProperty(x => x.ServerLoginDelay, x => signedInAt == null ? x.ServerLoginDelay : loginDelay)
                .SetProperty(x => x.SignInAllowedAt, x => signedInAt == null ? x.SignInAllowedAt : allowedAt)
                .SetProperty(x => x.LeaseToken, (Guid?)null)
                .SetProperty(x => x.LeaseHolder, (string?)null)
                .SetProperty(x => x.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(x => x.RunStartedAt, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>
    /// Gives leases back without changing the schedule: shutdown or a lost lease (not the account's fault), an account
    /// disabled between claim and start, or a claim this node cannot start yet (its host is busy).
    /// </summary>
    public async Task ReleaseUnchangedAsync(IReadOnlyCollection<FetchLease> leases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leases);
        if (leases.Count == 0)
        {
            return;
        }

        var tokens = leases.Select(l => l.Token).Distinct().ToList();
        var accountIds = leases.Select(l => l.AccountId).ToList();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.AccountFetchStates
            .Where(s => s.LeaseToken != null && tokens.Contains(s.LeaseToken.Value) && accountIds.Contains(s.AccountId))
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.LeaseToken, (Guid?)null)
                .SetProperty(x => x.LeaseHolder, (string?)null)
                .SetProperty(x => x.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(x => x.RunStartedAt, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>
    /// "Fetch now": due at once, or when the server's LOGIN-DELAY allows, and the backoff forgotten. False when the
    /// account has no schedule row (not active).
    /// </summary>
    public async Task<bool> RequestAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var requested = await db.AccountFetchStates
            .Where(s => s.AccountId == accountId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.FetchRequestedAt, now)
                .SetProperty(x => x.NextFetchAt, x => x.SignInAllowedAt != null && x.SignInAllowedAt > now ? x.SignInAllowedAt.Value : now)
                .SetProperty(x => x.ConsecutiveFailures, 0), cancellationToken);
        return requested == 1;
    }

    private static IQueryable<AccountFetchState> Held(MailroomDbContext db, FetchLease lease) =>
        db.AccountFetchStates.Where(s => s.AccountId == lease.AccountId && s.LeaseToken == lease.Token);

    private static object Instant(MailroomDbContext db, DateTimeOffset value) =>
        db.Database.IsSqlite() ? SqliteInstant.ConvertToProvider(value.ToUniversalTime())! : value.ToUniversalTime();
}

/// <summary>Which due accounts a claim may take: only "Fetch now" requests (the extra slots), and never accounts on these hosts.</summary>
internal sealed record ClaimFilter(bool RequestedOnly, IReadOnlyCollection<string> SkippedHosts)
{
    public static ClaimFilter Any { get; } = new(false, []);
}

/// <summary>A claimed account and the host its session will go to (for the per-host limit).</summary>
internal sealed record ClaimedAccount(FetchLease Lease, string Host);

/// <summary>How a run ended, as the schedule row records it; built by <see cref="FetchSchedule"/>.</summary>
internal sealed record FetchEnd(
    DateTimeOffset NextFetchAt,
    DateTimeOffset SignInAllowedAt,
    int ConsecutiveFailures,
    Network.MailFailure? Failure,
    DateTimeOffset? SignedInAt,
    TimeSpan? ServerLoginDelay);
