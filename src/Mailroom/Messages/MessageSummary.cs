using Mailroom.Search;

namespace Mailroom.Messages;

/// <summary>What the message list shows, parsed once when a message is stored, and the text the search index is built from.</summary>
internal sealed record MessageSummary(
    DateTimeOffset SentAt,
    string FromName,
    string FromAddress,
    string To,
    string Cc,
    string Subject,
    string Snippet,
    string? MessageIdHeader,
    bool HasAttachments,
    long Size,
    SearchableText Text)
{
    /// <summary>A new, unread stored message carrying this summary and the raw bytes it was parsed from.</summary>
    public StoredMessage ToStoredMessage(Guid accountId, string ownerId, MailFolder folder, byte[] raw, DateTimeOffset storedAt) =>
        Build(accountId, ownerId, folder, new RawMessage { Content = raw }, storedAt);

    /// <summary>The summary row alone, for a writer that stores the raw bytes itself (the fetcher streams them).</summary>
    public StoredMessage ToSummaryRow(Guid accountId, string ownerId, MailFolder folder, DateTimeOffset storedAt) =>
        Build(accountId, ownerId, folder, raw: null, storedAt);

    private StoredMessage Build(Guid accountId, string ownerId, MailFolder folder, RawMessage? raw, DateTimeOffset storedAt) => new()
    {
        AccountId = accountId,
        OwnerId = ownerId,
        Folder = folder,
        SentAt = SentAt,
        StoredAt = storedAt.ToUniversalTime(),
        FromName = FromName,
        FromAddress = FromAddress,
        To = To,
        Cc = Cc,
        Subject = Subject,
        Snippet = Snippet,
        MessageIdHeader = MessageIdHeader,
        HasAttachments = HasAttachments,
        Size = Size,
        IsRead = false,
        Raw = raw,
    };
}
