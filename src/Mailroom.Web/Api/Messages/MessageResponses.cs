using Mailroom.Messages;

namespace Mailroom.Web.Api.Messages;

public sealed record MessageListResponse(IReadOnlyList<MessageListEntry> Items, string? Older, string? Newer);

public sealed record MessageListEntry(
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

public sealed record Address(string Name, string Email)
{
    public static IReadOnlyList<Address> Of(IReadOnlyList<MailboxView> mailboxes) => [.. mailboxes.Select(m => new Address(m.Name, m.Address))];
}

/// <summary>One message as the reading pane shows it. <see cref="Html"/> is sanitised with remote images blocked.</summary>
public sealed record MessageResponse(
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

public sealed record AttachmentResponse(int Index, string FileName, string ContentType, long Size, string Url);

public sealed record ReadStateRequest(IReadOnlyList<long>? MessageIds, bool Read);

public sealed record ReadStateResponse(int Updated);

/// <summary>Unread counts; a count past 9,999 is reported as 10,000 with <c>Capped</c> set (shown as "9,999+").</summary>
public sealed record UnreadCountsResponse(int Total, bool Capped, IReadOnlyList<AccountUnreadCount> Accounts);

public sealed record AccountUnreadCount(Guid AccountId, int Unread, bool Capped);
