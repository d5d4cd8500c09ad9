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
/// Rows go in through prepared inserts reused across the batch, and the raw bytes stream from the download buffer
/// into the database: the cost per message is a few statement executions, not change tracking and copies.
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
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL with synchronous=FULL: the commit is on disk when CommitAsync returns, before any DELE for this batch.
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL;", cancellationToken);
        }

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

        await using var summaries = PreparedInsert<StoredMessage>.Create(db);
        await using var raws = RawContentInsert.Create(db);
        await using var ledger = PreparedInsert<UidLedgerEntry>.Create(db);
        var stored = new List<StoredMessage>();
        long storedBytes = 0;
        var searchable = new List<IndexedMessage>(parsed.Count);
        foreach (var (message, summary) in parsed.Where(p => !known.Contains(p.Message.Server.Uid)))
        {
            var row = summary.ToSummaryRow(account.AccountId, account.OwnerId, MailFolder.Inbox, now);
            var id = (await summaries.InsertAsync(row, cancellationToken))!.Value;
            await raws.InsertAsync(id, message.Content, cancellationToken);
            await ledger.InsertAsync(new UidLedgerEntry { AccountId = account.AccountId, Uid = message.Server.Uid, FirstSeenAt = now, StoredMessageId = id }, cancellationToken);
            searchable.Add(new IndexedMessage(row, summary.Text));
            stored.Add(row);
            storedBytes += message.Content.Length;
        }

        var newlySkipped = 0;
        foreach (var skip in skipped.Where(s => !known.Contains(s.Server.Uid)))
        {
            await ledger.InsertAsync(new UidLedgerEntry { AccountId = account.AccountId, Uid = skip.Server.Uid, FirstSeenAt = now, SkippedReason = skip.Reason }, cancellationToken);
            newlySkipped++;
        }

        if (stored.Count > 0)
        {
            // Open pages show the new mail; the event commits (or rolls back) with it.
            await MailboxEvents.AppendAsync(db, account.OwnerId, account.AccountId, MailboxChange.Mail, now, cancellationToken);
        }

        await SearchIndex.AddAsync(db, searchable, cancellationToken);
        await StoredMailHooks.RunAsync(db, stored, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Everything downloaded is now committed, by this transaction or by the one a replay repeated.
        return new CommittedBatch([.. messages.Select(m => m.Server)], stored.Count, storedBytes, newlySkipped);
    }
}

/// <summary>A downloaded message; <see cref="Content"/> is the seekable download buffer holding exactly what RETR delivered.</summary>
internal sealed record FetchedMessage(ServerMessage Server, Stream Content);

internal sealed record SkippedMessage(ServerMessage Server, string Reason);

/// <summary>A committed batch. Committed lists the downloaded messages now safely in the database: the only ones that may be deleted from the server.</summary>
internal sealed record CommittedBatch(IReadOnlyList<ServerMessage> Committed, int NewMessages, long NewBytes, int NewlySkipped);
