using Mailroom.Sending.Compose;

namespace Mailroom.Sending.Queue;

internal enum QueuedMessageState
{
    /// <summary>Held until <see cref="QueuedMessage.DueAt"/>: the undo window or a scheduled time. Undo is still possible.</summary>
    Waiting = 0,

    /// <summary>Claimed by a node that is handing it to the SMTP server; too late to undo.</summary>
    Sending = 1,

    Sent = 2,

    Failed = 3,

    /// <summary>Undone by the user before any node claimed it: nothing went out.</summary>
    Cancelled = 4,
}

/// <summary>
/// One message in the durable send queue: the finished MIME message (Bcc still in it, so the transport knows the blind
/// recipients) held until it is due, then claimed under a lease by whichever node gets it first. The row outlives every
/// node: a restart finds what was waiting, and <see cref="State"/> changes only by conditional updates, so a message is
/// claimed once and marked sent in the same transaction that files its sent copy.
/// </summary>
internal sealed class QueuedMessage
{
    public Guid Id { get; init; }

    public required string OwnerId { get; init; }

    public Guid SenderAddressId { get; init; }

    /// <summary>The account the sent copy is filed under; null when the address is linked to none.</summary>
    public Guid? FiledUnderAccountId { get; init; }

    /// <summary>Without angle brackets, as MimeKit gives it; how an interrupted send is matched to its sent copy.</summary>
    public required string MessageIdHeader { get; init; }

    public string Subject { get; init; } = "";

    /// <summary>To, Cc and Bcc as the user sees them, for the status page.</summary>
    public string Recipients { get; init; } = "";

    public required byte[] Content { get; init; }

    /// <summary>What the message answers or forwards, so that an undone message reopens in compose as it was written.</summary>
    public long? OriginalMessageId { get; init; }

    public ComposeMode Mode { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset DueAt { get; init; }

    /// <summary>True for "Schedule send"; false for the undo window after Send.</summary>
    public bool IsScheduled { get; init; }

    public QueuedMessageState State { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public long? SentCopyId { get; set; }

    /// <summary>Said to the user after a send through a relay-less installation or without a filing account.</summary>
    public string? Notice { get; set; }

    public string? FailureKind { get; set; }

    public string? FailureReason { get; set; }

    public string? FailureTitle { get; set; }

    public string? FailureMessage { get; set; }

    public string? FailureGuidance { get; set; }
}
