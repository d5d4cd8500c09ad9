using Mailroom.Data;
using Mailroom.Live;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Messages;

/// <summary>Marks an owner's messages read or unread; ids that are not the owner's are ignored, never touched.</summary>
internal sealed class ReadState(MailroomDbContext db, TimeProvider time)
{
    public const int MaxMessagesPerChange = 500;

    /// <returns>How many of the owner's messages were found (changed or already in that state).</returns>
    public async Task<int> SetAsync(string ownerId, IReadOnlyCollection<long> messageIds, bool read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        if (messageIds.Count == 0)
        {
            return 0;
        }

        if (messageIds.Count > MaxMessagesPerChange)
        {
            throw new ArgumentException($"At most {MaxMessagesPerChange} messages can be changed at once.", nameof(messageIds));
        }

        var ids = messageIds.Distinct().ToArray();
        var found = await db.MessagesOf(ownerId)
            .Where(m => ids.Contains(m.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.IsRead, read), cancellationToken);
        if (found > 0)
        {
            // Other tabs and devices update their unread counts.
            await MailboxEvents.AppendAsync(db, ownerId, accountId: null, MailboxChange.Read, time.GetUtcNow(), cancellationToken);
        }

        return found;
    }
}
