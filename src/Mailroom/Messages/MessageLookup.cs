using Mailroom.Data;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Messages;

/// <summary>One stored message with its raw bytes, only if it belongs to the owner (otherwise null, shown as 404).</summary>
internal sealed class MessageLookup(MailroomDbContext db)
{
    public Task<StoredMessage?> FindAsync(string ownerId, long messageId, CancellationToken cancellationToken) =>
        db.MessagesOf(ownerId)
            .AsNoTracking()
            .Include(m => m.Raw)
            .SingleOrDefaultAsync(m => m.Id == messageId, cancellationToken);
}
