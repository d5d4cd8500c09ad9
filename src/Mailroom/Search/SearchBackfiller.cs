using Mailroom.Data;
using Mailroom.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mailroom.Search;

/// <summary>
/// Indexes one batch of the mail stored before search existed, newest first, from the raw bytes. Each batch moves
/// <see cref="SearchBackfill.Below"/> in the same transaction as its index rows, and only if no other node moved it
/// first, so batches are never lost or done twice over.
/// </summary>
internal sealed class SearchBackfiller(IDbContextFactory<MailroomDbContext> databases, IOptions<SearchOptions> options, TimeProvider time)
{
    /// <returns>False when there is nothing (left) to index.</returns>
    public async Task<bool> IndexNextBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var state = await db.SearchBackfill.AsNoTracking().SingleOrDefaultAsync(b => b.Id == SearchBackfill.RowId, cancellationToken);
        if (state is null || state.CompletedAt is not null)
        {
            return false;
        }

        var batch = await NextBatchAsync(db, state.Below, cancellationToken);
        if (batch.Count == 0)
        {
            await db.SearchBackfill
                .Where(b => b.Id == SearchBackfill.RowId && b.Below == state.Below)
                .ExecuteUpdateAsync(b => b.SetProperty(s => s.CompletedAt, time.GetUtcNow()), cancellationToken);
            return false;
        }

        var ids = batch.Select(m => m.Id).ToList();
        var raws = await db.RawMessages.AsNoTracking()
            .Where(r => ids.Contains(r.MessageId))
            .ToDictionaryAsync(r => r.MessageId, r => r.Content, cancellationToken);
        // Parsing happens before the transaction, so the write lock is held only for the inserts.
        var indexed = batch
            .Select(m => new IndexedMessage(m, raws.TryGetValue(m.Id, out var raw) ? MessageSummaryParser.Parse(raw, m.StoredAt).Text : SearchableText.None))
            .ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await db.SearchBackfill
            .Where(b => b.Id == SearchBackfill.RowId && b.Below == state.Below)
            .ExecuteUpdateAsync(b => b.SetProperty(s => s.Below, ids.Min()), cancellationToken);
        if (moved == 1)
        {
            await SearchIndex.AddAsync(db, indexed, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>The next messages below the mark, at most <see cref="SearchOptions.BackfillBatchMessages"/> and about <see cref="SearchOptions.BackfillBatchBytes"/>.</summary>
    private async Task<List<StoredMessage>> NextBatchAsync(MailroomDbContext db, long below, CancellationToken cancellationToken)
    {
        var candidates = await db.Messages.AsNoTracking()
            .Where(m => m.Id < below)
            .OrderByDescending(m => m.Id)
            .Take(options.Value.BackfillBatchMessages)
            .ToListAsync(cancellationToken);
        var batch = new List<StoredMessage>(candidates.Count);
        long bytes = 0;
        foreach (var message in candidates)
        {
            if (batch.Count > 0 && bytes + message.Size > options.Value.BackfillBatchBytes)
            {
                break;
            }

            batch.Add(message);
            bytes += message.Size;
        }

        return batch;
    }
}
