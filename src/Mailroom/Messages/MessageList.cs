using Mailroom.Search;

namespace Mailroom.Messages;

/// <summary>
/// Which page to list: one account (<see cref="AccountId"/>) or "All mail" (null: every account of the owner);
/// <see cref="Search"/> narrows it to a search's matches (see <see cref="SearchQueryParser"/>; its <c>in:</c> replaces <see cref="Folder"/>).
/// <see cref="After"/> pages towards older mail, <see cref="Before"/> back towards newer; give at most one.
/// </summary>
internal sealed record MessageListRequest(
    string OwnerId,
    Guid? AccountId,
    MailFolder Folder = MailFolder.Inbox,
    SearchQuery? Search = null,
    MessageCursor? After = null,
    int PageSize = MessageListRequest.DefaultPageSize,
    MessageCursor? Before = null)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}

internal sealed record MessageListItem(
    long Id,
    Guid AccountId,
    DateTimeOffset SentAt,
    string FromName,
    string FromAddress,
    string To,
    string Subject,
    string Snippet,
    bool HasAttachments,
    long Size,
    bool IsRead);

/// <summary>
/// A page of messages, newest first. <see cref="Older"/> continues towards older mail (null on the last page);
/// <see cref="Newer"/> goes back towards newer mail (null on the first page). <see cref="Search"/>: the count and
/// highlighted snippets when the list is a search.
/// </summary>
internal sealed record MessageListPage(IReadOnlyList<MessageListItem> Items, MessageCursor? Older, MessageCursor? Newer, SearchResults? Search = null);
