using Mailroom.Data;
using Mailroom.Messages;
using Mailroom.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Clients;

/// <summary>
/// A client's mail as one timeline, newest sent first, keyset-paged by (sent date, message id): the viewer's own
/// mail and the mail of accounts shared with the viewer's workspace; never another member's private account.
/// </summary>
internal sealed class ClientTimeline(MailroomDbContext db)
{
    /// <returns>Null when the client is not in the viewer's workspace (shown as 404).</returns>
    public async Task<TimelinePage?> ListAsync(WorkspaceMember viewer, long clientId, MessageCursor? after, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!await db.Clients.AnyAsync(c => c.Id == clientId && c.WorkspaceId == viewer.WorkspaceId, cancellationToken))
        {
            return null;
        }

        pageSize = Math.Clamp(pageSize, 1, MessageListRequest.MaxPageSize);
        var filings = VisibleFilings(viewer).Where(f => f.ClientId == clientId);
        if (after is { } cursor)
        {
            filings = filings.Where(f => f.SentAt <= cursor.SentAt && (f.SentAt < cursor.SentAt || f.MessageId < cursor.Id));
        }

        var rows = await filings
            .OrderByDescending(f => f.SentAt).ThenByDescending(f => f.MessageId)
            .Take(pageSize + 1)
            .Join(db.Messages, f => f.MessageId, m => m.Id, (f, m) => new TimelineItem(
                m.Id, m.AccountId, m.Folder, m.SentAt, m.FromName, m.FromAddress, m.To, m.Cc, m.Subject, m.Snippet, m.HasAttachments, m.Size,
                m.IsRead, m.OwnerId != viewer.UserId))
            .ToListAsync(cancellationToken);
        // The join may not keep the order of the subquery on every provider.
        rows = [.. rows.OrderByDescending(r => r.SentAt).ThenByDescending(r => r.Id)];
        var items = rows.Count > pageSize ? rows[..pageSize] : rows;
        return new TimelinePage(items, rows.Count > pageSize ? new MessageCursor(items[^1].SentAt, items[^1].Id) : null);
    }

    /// <summary>A message the viewer may open read-only through a client: filed under a client of their workspace, from an account shared with it.</summary>
    public Task<StoredMessage?> FindSharedAsync(WorkspaceMember viewer, long clientId, long messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return db.Messages.AsNoTracking().Include(m => m.Raw)
            .Where(m => m.Id == messageId && VisibleFilings(viewer).Any(f => f.MessageId == m.Id && f.ClientId == clientId)
                && db.Clients.Any(c => c.Id == clientId && c.WorkspaceId == viewer.WorkspaceId))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private IQueryable<MessageFiling> VisibleFilings(WorkspaceMember viewer) =>
        db.MessageFilings.Where(f => f.OwnerId == viewer.UserId
            || db.SharedAccounts.Any(s => s.AccountId == f.AccountId && s.WorkspaceId == viewer.WorkspaceId));
}

internal sealed record TimelineItem(
    long Id,
    Guid AccountId,
    MailFolder Folder,
    DateTimeOffset SentAt,
    string FromName,
    string FromAddress,
    string To,
    string Cc,
    string Subject,
    string Snippet,
    bool HasAttachments,
    long Size,
    bool IsRead,
    bool FromSharedAccount);

internal sealed record TimelinePage(IReadOnlyList<TimelineItem> Items, MessageCursor? Older);
