using System.Globalization;
using Mailroom.Data;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Messages;

/// <summary>
/// Unread inbox messages per account of one owner; "All mail" is their sum. Each account is counted up to
/// <see cref="Cap"/> + 1, so that the left pane stays cheap after a first import of 100,000 unread messages:
/// a larger count shows as "9,999+".
/// </summary>
internal sealed record UnreadCounts(IReadOnlyDictionary<Guid, int> ByAccount)
{
    public const int Cap = 9_999;

    public int Total => ByAccount.Values.Sum();

    public bool IsCapped(Guid accountId) => For(accountId) > Cap;

    public bool IsTotalCapped => ByAccount.Values.Any(count => count > Cap);

    public int For(Guid accountId) => ByAccount.GetValueOrDefault(accountId);

    /// <summary>"17", "2,310", or "9,999+" for a capped count.</summary>
    public static string Display(int count, bool capped) =>
        capped ? string.Create(CultureInfo.InvariantCulture, $"{count - 1:N0}+") : count.ToString("N0", CultureInfo.InvariantCulture);
}

internal sealed class UnreadCounter(MailroomDbContext db)
{
    public async Task<UnreadCounts> CountAsync(string ownerId, CancellationToken cancellationToken)
    {
        var accounts = await db.AccountsWithKeptMailOf(ownerId).Select(a => a.Id).ToListAsync(cancellationToken);
        var counts = new Dictionary<Guid, int>();
        // Compared with a parameter, not negated: SQLite uses "IsRead = ?" as an index key but not "NOT IsRead".
        var unread = false;
        foreach (var accountId in accounts)
        {
            // One range of the (OwnerId, Folder, IsRead, AccountId) index each, read from the index alone and cut at the cap.
            var count = await db.MessagesOf(ownerId)
                .Where(m => m.Folder == MailFolder.Inbox && m.IsRead == unread && m.AccountId == accountId)
                .Take(UnreadCounts.Cap + 1)
                .CountAsync(cancellationToken);
            if (count > 0)
            {
                counts[accountId] = count;
            }
        }

        return new UnreadCounts(counts);
    }
}
