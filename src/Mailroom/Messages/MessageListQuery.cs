using Mailroom.Data;
using Mailroom.Search;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Messages;

/// <summary>One page of a user's messages, newest sent first, keyset-paged in both directions (never OFFSET).</summary>
internal sealed class MessageListQuery(MailroomDbContext db)
{
    /// <summary>Names of the accounts the user's mail comes from, deleted ones included: "All mail" labels kept mail too.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> AccountNamesAsync(string ownerId, CancellationToken cancellationToken) =>
        await db.AccountsWithKeptMailOf(ownerId).AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.DisplayName, cancellationToken);

    /// <returns>The page, or null when the account is not one of the owner's (another user's, or deleted).</returns>
    public async Task<MessageListPage?> ListAsync(MessageListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pageSize = Math.Clamp(request.PageSize, 1, MessageListRequest.MaxPageSize);
        var search = request.Search ?? SearchQuery.Empty;
        var folder = search.Filters.Folder ?? request.Folder;
        Func<IQueryable<StoredMessage>, IQueryable<StoredMessage>> scope;
        if (request.AccountId is { } accountId)
        {
            // Ownership checked once by primary key; the list then walks only the (AccountId, Folder, SentAt, Id) index.
            if (!await db.AccountsOf(request.OwnerId).AnyAsync(a => a.Id == accountId, cancellationToken))
            {
                return null;
            }

            scope = candidates => candidates.Where(m => m.AccountId == accountId && m.Folder == folder);
        }
        else
        {
            scope = candidates => candidates.OwnedBy(request.OwnerId).Where(m => m.Folder == folder);
        }

        var messages = (await SearchFilter.ApplyAsync(db, search, scope, cancellationToken)).AsNoTracking();
        var page = request.Before is { } before
            ? await NewerAsync(messages, before, pageSize, cancellationToken)
            : await OlderAsync(messages, request.After, pageSize, cancellationToken);
        return search.IsEmpty ? page : page with { Search = await SearchResults.ForAsync(db, messages, search, page.Items, cancellationToken) };
    }

    private static async Task<MessageListPage> OlderAsync(
        IQueryable<StoredMessage> messages, MessageCursor? after, int pageSize, CancellationToken cancellationToken)
    {
        if (after is { } cursor)
        {
            // The first conjunct bounds the index range; the second breaks ties on equal sent dates.
            messages = messages.Where(m => m.SentAt <= cursor.SentAt && (m.SentAt < cursor.SentAt || m.Id < cursor.Id));
        }

        var rows = await Project(messages.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Take(pageSize + 1))
            .ToListAsync(cancellationToken);
        var items = rows.Count > pageSize ? rows[..pageSize] : rows;
        return new MessageListPage(
            items,
            Older: rows.Count > pageSize ? CursorOf(items[^1]) : null,
            Newer: after is not null && items.Count > 0 ? CursorOf(items[0]) : null);
    }

    private static async Task<MessageListPage> NewerAsync(
        IQueryable<StoredMessage> messages, MessageCursor before, int pageSize, CancellationToken cancellationToken)
    {
        // Walk the same index the other way from the cursor, then show the page newest first again.
        var rows = await Project(messages
                .Where(m => m.SentAt >= before.SentAt && (m.SentAt > before.SentAt || m.Id > before.Id))
                .OrderBy(m => m.SentAt)
                .ThenBy(m => m.Id)
                .Take(pageSize + 1))
            .ToListAsync(cancellationToken);
        var items = (rows.Count > pageSize ? rows[..pageSize] : rows).AsEnumerable().Reverse().ToList();
        return new MessageListPage(
            items,
            Older: items.Count > 0 ? CursorOf(items[^1]) : null,
            Newer: rows.Count > pageSize ? CursorOf(items[0]) : null);
    }

    private static IQueryable<MessageListItem> Project(IQueryable<StoredMessage> messages) =>
        messages.Select(m => new MessageListItem(
            m.Id, m.AccountId, m.SentAt, m.FromName, m.FromAddress, m.To, m.Subject, m.Snippet, m.HasAttachments, m.Size, m.IsRead));

    private static MessageCursor CursorOf(MessageListItem item) => new(item.SentAt, item.Id);
}
