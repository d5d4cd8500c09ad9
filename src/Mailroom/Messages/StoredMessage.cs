namespace Mailroom.Messages;

/// <summary>
/// The summary of one stored message: everything a list needs, nothing it does not.
/// The raw bytes live in <see cref="RawMessage"/> so that listing never reads them.
/// </summary>
internal sealed class StoredMessage
{
    public long Id { get; init; }

    public Guid AccountId { get; init; }

    /// <summary>Denormalised from the account so that "All mail" is one index range per user.</summary>
    public required string OwnerId { get; init; }

    public MailFolder Folder { get; init; }

    /// <summary>From the Date: header; falls back to the first Received: time, then the fetch time.</summary>
    public DateTimeOffset SentAt { get; init; }

    public DateTimeOffset StoredAt { get; init; }

    public string FromName { get; init; } = "";

    public string FromAddress { get; init; } = "";

    public string To { get; init; } = "";

    public string Cc { get; init; } = "";

    public string Subject { get; init; } = "";

    public string Snippet { get; init; } = "";

    public string? MessageIdHeader { get; init; }

    public bool HasAttachments { get; init; }

    public long Size { get; init; }

    public bool IsRead { get; set; }

    public RawMessage? Raw { get; init; }
}
