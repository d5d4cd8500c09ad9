namespace Mailroom.Clients;

/// <summary>
/// One message filed under one client. Owner, account and sent date are copied from the message so that a client's
/// timeline is one index range, filtered by who may see which account, without touching other clients' rows.
/// </summary>
internal sealed class MessageFiling
{
    public long ClientId { get; init; }

    public long MessageId { get; init; }

    public Guid AccountId { get; init; }

    public required string OwnerId { get; init; }

    public DateTimeOffset SentAt { get; init; }
}
