using Mailroom.Messages;

namespace Mailroom.Fetching;

/// <summary>
/// One POP3 UID an account's server has shown Mailroom. A row exists exactly when the message is stored (or
/// deliberately skipped), and it is written in the same transaction as the message, so the ledger never claims
/// a message that is not there and a replayed download is a no-op.
/// </summary>
internal sealed class UidLedgerEntry
{
    public Guid AccountId { get; init; }

    /// <summary>The UIDL value (RFC 1939 §7: 1 to 70 printable characters, unique per mailbox and stable across sessions; some servers send longer ones).</summary>
    public required string Uid { get; init; }

    /// <summary>When Mailroom first stored or skipped it; "delete after N days" counts from here.</summary>
    public DateTimeOffset FirstSeenAt { get; init; }

    /// <summary>Null when the message was skipped, or when the user deleted the stored copy later.</summary>
    public long? StoredMessageId { get; set; }

    /// <summary>Set when the ledger row is written together with its message, so that one SaveChanges links them.</summary>
    public StoredMessage? StoredMessage { get; init; }

    /// <summary>Why the message was not stored (e.g. over the size limit); such messages are never deleted from the server.</summary>
    public string? SkippedReason { get; init; }

    /// <summary>When a QUIT made Mailroom's DELE final, or when the message was first found gone from the server.</summary>
    public DateTimeOffset? DeletedFromServerAt { get; set; }
}
