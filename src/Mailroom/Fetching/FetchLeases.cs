using Mailroom.Data;
using Mailroom.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mailroom.Fetching;

/// <summary>
/// The database statements that decide which node fetches which account. Claiming is ONE statement, so two nodes
/// can never both win: SQLite has a single writer, and on PostgreSQL the candidate rows are locked with
/// FOR UPDATE SKIP LOCKED inside the subquery. The LIMIT stays inside the raw SQL: EF composing one onto it would
/// wrap the locking query in an outer SELECT, and the inner query would then lock every candidate row.
/// </summary>
internal sealed class FetchLeases(IDbContextFactory<MailroomDbContext> databases, TimeProvider time)
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

    /// <summary>Takes up to <paramref name="limit"/> due, unleased, active accounts for this node, most overdue first.</summary>
    public async Task<IReadOnlyList<FetchLease>> ClaimDueAsync(string node, int limit, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var token = Guid.NewGuid();
        var utcNow = time.GetUtcNow();
        var now = Instant(db, utcNow);
        var expires = Instant(db, utcNow + leaseDuration);
        var claimed = db.Database.IsNpgsql()
            ? await db.Database.SqlQuery<Guid>($"""
                UPDATE "AccountFetchStates" SET "LeaseToken" = {token}, "LeaseHolder" = {node}, "LeaseExpiresAt" = {expires}
                WHERE "AccountId" IN (
                    SELECT s."AccountId" FROM "AccountFetchStates" AS s
                    WHERE s."NextFetchAt" <= {now} AND (s."LeaseExpiresAt" IS NULL OR s."LeaseExpiresAt" <= {now})
                      AND EXISTS (SELECT 1 FROM "Pop3Accounts" AS a WHERE a."Id" = s."AccountId" AND a."State" = 0)
                    ORDER BY s."NextFetchAt" LIMIT {limit}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "AccountId" AS "Value"
                """).ToListAsync(cancellationToken)
            : await db.Database.SqlQuery<Guid>($"""
                UPDATE "AccountFetchStates" SET "LeaseToken" = {token}, "LeaseHolder" = {node}, "LeaseExpiresAt" = {expires}
                WHERE "AccountId" IN (
                    SELECT s."AccountId" FROM "AccountFetchStates" AS s
                    WHERE s."NextFetchAt" <= {now} AND (s."LeaseExpiresAt" IS NULL OR s."LeaseExpiresAt" <= {now})
                      AND EXISTS (SELECT 1 FROM "Pop3Accounts" AS a WHERE a."Id" = s."AccountId" AND a."State" = 0)
                    ORDER BY s."NextFetchAt" LIMIT {limit})
                RETURNING "AccountId" AS "Value"
                """).ToListAsync(cancellationToken);
        return [.. claimed.Select(accountId => new FetchLease(accountId, token, node, utcNow + leaseDuration))];
    }

    /// <summary>Extends the lease and publishes progress in one write. False: the lease was lost (expired and taken), so the fetch must stop.</summary>
    public async Task<bool> RenewAsync(FetchLease lease, FetchProgressSnapshot progress, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(progress);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var renewed = await db.AccountFetchStates
            .Where(s => s.AccountId == lease.AccountId && s.LeaseToken == lease.Token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.LeaseExpiresAt, now + leaseDuration)
                .SetProperty(x => x.MessagesDone, progress.MessagesDone)
                .SetProperty(x => x.MessagesTotal, progress.MessagesTotal)
                .SetProperty(x => x.BytesDone, progress.BytesDone)
                .SetProperty(x => x.BytesTotal, progress.BytesTotal)
                .SetProperty(x => x.ProgressUpdatedAt, now), cancellationToken);
        if (renewed == 1)
        {
            await MailboxEvents.AppendForAccountAsync(db, lease.AccountId, MailboxChange.Fetch, now, cancellationToken);
        }

        return renewed == 1;
    }

    /// <summary>
    /// Inside a batch's transaction: true only while this node still holds an unexpired lease. On PostgreSQL the
    /// update also locks the schedule row until the commit, so a claim by another node (SKIP LOCKED) cannot slip in between.
    /// </summary>
    public static async Task<bool> HoldsAsync(MailroomDbContext db, FetchLease lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lease);
        var held = await db.AccountFetchStates
            .Where(s => s.AccountId == lease.AccountId && s.LeaseToken == lease.Token && s.LeaseExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ProgressUpdatedAt, now), cancellationToken);
        return held == 1;
    }

    private static object Instant(MailroomDbContext db, DateTimeOffset value) =>
        db.Database.IsSqlite() ? SqliteInstant.ConvertToProvider(value.ToUniversalTime())! : value.ToUniversalTime();
}

/// <summary>This node's claim on one account; valid while the token is still in the account's schedule row and ExpiresAt has not passed.</summary>
internal sealed record FetchLease(Guid AccountId, Guid Token, string Node, DateTimeOffset ExpiresAt);
