using Mailroom.Clients;
using Mailroom.Data;
using Mailroom.Live;
using Mailroom.Messages;
using Mailroom.Search;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Fetching;

/// <summary>
/// Commits one downloaded batch: raw bytes, summaries and ledger rows in ONE transaction, so a message is either
/// stored with its UID or not at all. UIDs already in the ledger are left alone, which makes a replay a no-op.
/// </summary>
internal sealed class FetchedBatchWriter(IDbContextFactory<MailroomDbContext> databases, TimeProvider time)
{
    public async Task<CommittedBatch> CommitAsync(
        FetchLease lease, FetchTarget account, IReadOnlyList<FetchedMessage> messages, IReadOnlyList<SkippedMessage> skipped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(skipped);
        var now = time.GetUtcNow();

        // Parse before the transaction opens: the write lock is held only for the inserts.
        var parsed = messages.Select(m => (Message: m, Summary: MessageSummaryParser.Parse(m.Content, now))).ToList();

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Fencing: a node that stalled past its lease must not commit next to the node that took the account over.
        if (!await FetchStateStore.HoldsAsync(db, lease, time.GetUtcNow(), cancellationToken))
        {
            throw new LeaseLostException(lease.AccountId);
        }

        var uids = messages.Select(m => m.Server.Uid).Concat(skipped.Select(s => s.Server.Uid)).ToList();
        var known = (await db.UidLedger
            .Where(e => e.AccountId == account.AccountId && uids.Contains(e.Uid))
            .Select(e => e.Uid)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

        var stored = new List<StoredMessage>();
        long storedBytes = 0;
        var searchable = new List<IndexedMessage>(parsed.Count);
        foreach (var (message, summary) in parsed.Where(p => !known.Contains(p.Message.Server.Uid)))
        {
            var row = summary.ToStoredMessage(account.AccountId, account.OwnerId, MailFolder.Inbox, message.Content, now);
            db.Messages.Add(row);
            searchable.Add(new IndexedMessage(row, summary.Text));
            db.UidLedger.Add(new UidLedgerEntry { AccountId = account.AccountId, Uid = message.Server.Uid, FirstSeenAt = now, StoredMessage = row });
            stored.Add(row);
            storedBytes += message.Content.LongLength;
        }

        var newlySkipped = 0;
        foreach (var skip in skipped.Where(s => !known.Contains(s.Server.Uid)))
        {
            db.UidLedger.Add(new UidLedgerEntry { AccountId = account.AccountId, Uid = skip.Server.Uid, FirstSeenAt = now, SkippedReason = skip.Reason });
            newlySkipped++;
        }

        if (stored.Count > 0)
        {
            MailboxEvents.Add(db, account.OwnerId, account.AccountId, MailboxChange.Mail, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await SearchIndex.AddAsync(db, searchable, cancellationToken);
        await StoredMailHooks.RunAsync(db, stored, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Everything downloaded is now committed, by this transaction or by the one a replay repeated.
        return new CommittedBatch([.. messages.Select(m => m.Server)], stored.Count, storedBytes, newlySkipped);
    }
}

internal sealed record FetchedMessage(ServerMessage Server, byte[] Content);

internal sealed record SkippedMessage(ServerMessage Server, string Reason);

/// <summary>A committed batch. Committed lists the downloaded messages now safely in the database: the only ones that may be deleted from the server.</summary>
internal sealed record CommittedBatch(IReadOnlyList<ServerMessage> Committed, int NewMessages, long NewBytes, int NewlySkipped);
