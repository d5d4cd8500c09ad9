using Mailroom.Messages;
using Mailroom.Search;

namespace Mailroom.Web.Api.Messages;

/// <summary>A page of the list; <see cref="Search"/> is set when <c>q</c> was given.</summary>
internal sealed record MessageListResponse(IReadOnlyList<MessageListEntry> Items, string? Older, string? Newer, SearchSummary? Search = null);

/// <summary>
/// How many messages match (exact up to 1,000; beyond that <see cref="CountIsCapped"/> and the count is "more than 1,000"),
/// the query said back in words (<see cref="Searched"/>), notes on parts of it that were ignored, and, while mail
/// stored before search existed is still being indexed, how much of the user's is done (<see cref="IndexedPercent"/>; null when all).
/// </summary>
internal sealed record SearchSummary(int Count, bool CountIsCapped, string Searched, IReadOnlyList<string> Notes, int? IndexedPercent)
{
    public static SearchSummary? Of(SearchResults? results, TimeZoneInfo timeZone, int? indexedPercent) => results is null
        ? null
        : new SearchSummary(results.Count, results.IsCountCapped, SearchDescription.Of(results.Query, timeZone), results.Query.Notes, indexedPercent);
}

internal sealed record MessageListEntry(
    long Id,
    Guid AccountId,
    DateTimeOffset SentAt,
    Address From,
    string To,
    string Subject,
    string Snippet,
    bool HasAttachments,
    long Size,
    bool IsRead,
    IReadOnlyList<TextRange>? Highlights = null)
{
    /// <summary>In a search, the snippet is the text around the first match and <see cref="Highlights"/> marks the matching words in it.</summary>
    public static MessageListEntry Of(MessageListItem item, SearchResults? search = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        var snippet = search?.Snippets.GetValueOrDefault(item.Id);
        return new(item.Id, item.AccountId, item.SentAt, new Address(item.FromName, item.FromAddress), item.To, item.Subject,
            snippet?.Text ?? item.Snippet, item.HasAttachments, item.Size, item.IsRead, snippet?.Marks);
    }
}

internal sealed record Address(string Name, string Email)
{
    public static IReadOnlyList<Address> Of(IReadOnlyList<MailboxView> mailboxes) => [.. mailboxes.Select(m => new Address(m.Name, m.Address))];
}

/// <summary>One message as the reading pane shows it. <see cref="Html"/> is sanitised with remote images blocked.</summary>
internal sealed record MessageResponse(
    long Id,
    Guid AccountId,
    string Subject,
    IReadOnlyList<Address> From,
    IReadOnlyList<Address> To,
    IReadOnlyList<Address> Cc,
    IReadOnlyList<Address> ReplyTo,
    DateTimeOffset SentAt,
    bool IsRead,
    long Size,
    string? Text,
    string? Html,
    int BlockedRemoteResources,
    IReadOnlyList<AttachmentResponse> Attachments,
    IReadOnlyList<string> Notes,
    string RawUrl);

internal sealed record AttachmentResponse(int Index, string FileName, string ContentType, long Size, string Url);

internal sealed record ReadStateRequest(IReadOnlyList<long>? MessageIds, bool Read);

internal sealed record ReadStateResponse(int Updated);

/// <summary>Unread counts; a count past 9,999 is reported as 10,000 with <c>Capped</c> set (shown as "9,999+").</summary>
internal sealed record UnreadCountsResponse(int Total, bool Capped, IReadOnlyList<AccountUnreadCount> Accounts);

internal sealed record AccountUnreadCount(Guid AccountId, int Unread, bool Capped);
