using Mailroom.Data;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Messages;

/// <summary>One page of a user's messages, newest sent first, keyset-paged (never OFFSET).</summary>
public sealed class MessageListQuery(MailroomDbContext db)
{
    /// <returns>The page, or null when the account does not exist or is not the owner's.</returns>
    public async Task<MessageListPage?> ListAsync(MessageListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pageSize = Math.Clamp(request.PageSize, 1, MessageListRequest.MaxPageSize);
        IQueryable<StoredMessage> messages = db.Messages.AsNoTracking();
        if (request.AccountId is { } accountId)
        {
            // Ownership checked once by primary key; the list then walks only the (AccountId, Folder, SentAt, Id) index.
            if (!await db.Pop3Accounts.AnyAsync(a => a.Id == accountId && a.OwnerId == request.OwnerId, cancellationToken))
            {
                return null;
            }

            messages = messages.Where(m => m.AccountId == accountId && m.Folder == request.Folder);
        }
        else
        {
            messages = messages.Where(m => m.OwnerId == request.OwnerId && m.Folder == request.Folder);
        }

        if (request.After is { } after)
        {
            // The first conjunct bounds the index range; the second breaks ties on equal sent dates.
            messages = messages.Where(m => m.SentAt <= after.SentAt && (m.SentAt < after.SentAt || m.Id < after.Id));
        }

        messages = MessageSearch.Apply(messages, request.Search, caseInsensitiveLikeNeeded: db.Database.IsNpgsql());

        var rows = await messages
            .OrderByDescending(m => m.SentAt)
            .ThenByDescending(m => m.Id)
            .Take(pageSize + 1)
            .Select(m => new MessageListItem(
                m.Id, m.AccountId, m.SentAt, m.FromName, m.FromAddress, m.To, m.Subject, m.Snippet, m.HasAttachments, m.Size, m.IsRead))
            .ToListAsync(cancellationToken);

        var next = rows.Count > pageSize ? new MessageCursor(rows[pageSize - 1].SentAt, rows[pageSize - 1].Id) : (MessageCursor?)null;
        return new MessageListPage(rows.Count > pageSize ? rows[..pageSize] : rows, next);
    }
}
