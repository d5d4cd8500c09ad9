using Mailroom.Network;

namespace Mailroom.Sending;

internal enum SendStatus
{
    Sent,

    /// <summary>Accepted into the send queue: held for the undo window or until its scheduled time.</summary>
    Queued,
    Invalid,
    NotVerified,
    NotFound,
    Failed,
}

/// <summary>
/// The outcome of Send. On <see cref="SendStatus.Invalid"/>, <see cref="SendStatus.NotVerified"/> and
/// <see cref="SendStatus.NotFound"/> nothing was queued and the draft is the caller's to keep; <see cref="Verdict"/>
/// says in words what the server refused. <see cref="QueuedId"/> names the message in the send queue.
/// </summary>
internal sealed record SendResult(
    SendStatus Status,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    ConnectionVerdict? Verdict = null,
    long? SentCopyId = null,
    string? MessageIdHeader = null,
    string? Notice = null,
    Guid? QueuedId = null,
    DateTimeOffset? DueAt = null)
{
    public static readonly SendResult NotFound = new(SendStatus.NotFound);

    public static SendResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(SendStatus.Invalid, errors);
}
