using Mailroom.Messages;

namespace Mailroom.Web.Api.Messages;

internal sealed record MessageListResponse(IReadOnlyList<MessageListEntry> Items, string? Older, string? Newer);

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
    bool IsRead)
{
    public static MessageListEntry Of(MessageListItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Id, item.AccountId, item.SentAt, new Address(item.FromName, item.FromAddress), item.To, item.Subject,
            item.Snippet, item.HasAttachments, item.Size, item.IsRead);
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
