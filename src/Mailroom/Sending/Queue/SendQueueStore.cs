using Mailroom.Data;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Sending.Queue;

internal enum UndoOutcome
{
    Undone,

    /// <summary>A node has claimed it (or it went out, or failed): nothing can be stopped any more.</summary>
    TooLate,

    NotFound,
}

/// <summary>A message a node now owns: fresh from the queue, or taken over from a node whose lease ran out mid-send.</summary>
internal sealed record QueueClaim(Guid Id, bool Interrupted);

/// <summary>
/// The send queue's rows, owner-scoped for users and claimed by conditional updates for nodes: an update that names the
/// state (and lease) it expects changes one row or none, on SQLite and PostgreSQL alike, so two nodes never both win.
/// </summary>
internal sealed class SendQueueStore(MailroomDbContext db, TimeProvider time)
{
    public async Task EnqueueAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        db.QueuedMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<QueuedMessage?> FindAsync(string ownerId, Guid id, CancellationToken cancellationToken) =>
        db.QueuedMessagesOf(ownerId).AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);

    /// <summary>What the user still has in the queue: messages waiting to go and those that failed, soonest first.</summary>
    public async Task<IReadOnlyList<QueuedMessage>> PendingAsync(string ownerId, CancellationToken cancellationToken) =>
        await db.QueuedMessagesOf(ownerId).AsNoTracking()
            .Where(m => (m.State == QueuedMessageState.Waiting || m.State == QueuedMessageState.Sending || m.State == QueuedMessageState.Failed))
            .OrderBy(m => m.DueAt)
            .ToListAsync(cancellationToken);

    /// <summary>Stops a waiting message. Only a row no node has claimed changes, so an undo and a claim never both succeed.</summary>
    public async Task<UndoOutcome> UndoAsync(string ownerId, Guid id, CancellationToken cancellationToken)
    {
        var changed = await db.QueuedMessagesOf(ownerId)
            .Where(m => m.Id == id && m.State == QueuedMessageState.Waiting)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.State, QueuedMessageState.Cancelled), cancellationToken);
        if (changed == 1)
        {
            return UndoOutcome.Undone;
        }

        var state = await db.QueuedMessagesOf(ownerId).Where(m => m.Id == id).Select(m => (QueuedMessageState?)m.State).SingleOrDefaultAsync(cancellationToken);
        return state switch
        {
            null => UndoOutcome.NotFound,
            QueuedMessageState.Cancelled => UndoOutcome.Undone,
            _ => UndoOutcome.TooLate,
        };
    }

    /// <summary>Claims up to <paramref name="max"/> messages that are due, or whose sending node's lease expired.</summary>
    public async Task<IReadOnlyList<QueueClaim>> ClaimDueAsync(string node, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var candidates = await db.QueuedMessages.AsNoTracking()
            .Where(m => (m.State == QueuedMessageState.Waiting && m.DueAt <= now)
                || (m.State == QueuedMessageState.Sending && m.LeaseExpiresAt < now))
            .OrderBy(m => m.DueAt)
            .Select(m => new { m.Id, m.State, m.LeaseExpiresAt })
            .Take(max)
            .ToListAsync(cancellationToken);
        var claimed = new List<QueueClaim>();
        foreach (var candidate in candidates)
        {
            var expiresAt = now + lease;
            var changed = await db.QueuedMessages
                .Where(m => m.Id == candidate.Id && m.State == candidate.State && m.LeaseExpiresAt == candidate.LeaseExpiresAt)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(m => m.State, QueuedMessageState.Sending)
                    .SetProperty(m => m.ClaimedBy, node)
                    .SetProperty(m => m.LeaseExpiresAt, expiresAt)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
            if (changed == 1)
            {
                claimed.Add(new QueueClaim(candidate.Id, Interrupted: candidate.State == QueuedMessageState.Sending));
            }
        }

        return claimed;
    }
}
