using Mailroom.Data;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Messages;

/// <summary>Unread inbox messages per account of one owner; "All mail" is their sum.</summary>
public sealed record UnreadCounts(IReadOnlyDictionary<Guid, int> ByAccount)
{
    public int Total => ByAccount.Values.Sum();

    public int For(Guid accountId) => ByAccount.GetValueOrDefault(accountId);
}

public sealed class UnreadCounter(MailroomDbContext db)
{
    public async Task<UnreadCounts> CountAsync(string ownerId, CancellationToken cancellationToken)
    {
        // Answered from the (OwnerId, Folder, IsRead, AccountId) index alone.
        var counts = await db.Messages
            .Where(m => m.OwnerId == ownerId && m.Folder == MailFolder.Inbox && !m.IsRead)
            .GroupBy(m => m.AccountId)
            .Select(g => new { AccountId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.AccountId, c => c.Count, cancellationToken);
        return new UnreadCounts(counts);
    }
}
