using Mailroom.Data;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Fetching;

/// <summary>Reads and maintains an account's UID ledger outside the batch transactions.</summary>
internal sealed class UidLedger(IDbContextFactory<MailroomDbContext> databases)
{
    private const int LookupChunk = 500;

    /// <summary>
    /// What the ledger knows about the UIDs the server lists. Loads the rows still believed on the server (about the
    /// server's size, not the account's whole history), then looks up the remaining listed UIDs in case a deleted one
    /// came back.
    /// </summary>
    public async Task<Dictionary<string, LedgerFacts>> LoadAsync(Guid accountId, IReadOnlyList<string> serverUids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serverUids);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var facts = await db.UidLedger.AsNoTracking()
            .Where(e => e.AccountId == accountId && e.DeletedFromServerAt == null)
            .Select(e => new { e.Uid, Stored = e.SkippedReason == null, e.FirstSeenAt })
            .ToDictionaryAsync(e => e.Uid, e => new LedgerFacts(e.Stored, e.FirstSeenAt, MarkedDeleted: false), StringComparer.Ordinal, cancellationToken);

        var unknown = serverUids.Where(uid => !facts.ContainsKey(uid)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in unknown.Chunk(LookupChunk))
        {
            var returned = await db.UidLedger.AsNoTracking()
                .Where(e => e.AccountId == accountId && chunk.Contains(e.Uid))
                .Select(e => new { e.Uid, Stored = e.SkippedReason == null, e.FirstSeenAt })
                .ToListAsync(cancellationToken);
            foreach (var entry in returned)
            {
                facts[entry.Uid] = new LedgerFacts(entry.Stored, entry.FirstSeenAt, MarkedDeleted: true);
            }
        }

        return facts;
    }

    /// <summary>Records that these UIDs left the server (after Mailroom's QUIT, or because another client removed them).</summary>
    public async Task MarkDeletedFromServerAsync(Guid accountId, IReadOnlyCollection<string> uids, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uids);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        foreach (var chunk in uids.Chunk(LookupChunk))
        {
            await db.UidLedger
                .Where(e => e.AccountId == accountId && chunk.Contains(e.Uid) && e.DeletedFromServerAt == null)
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.DeletedFromServerAt, at), cancellationToken);
        }
    }
}
