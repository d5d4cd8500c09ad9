namespace Mailroom.Sending.Compose;

/// <summary>
/// A message as the user wrote it. With <see cref="OriginalMessageId"/>, it answers or forwards that stored message:
/// threading headers come from it, and a forward carries its attachments along.
/// </summary>
internal sealed record ComposeInput
{
    public Guid FromAddressId { get; init; }

    public string? To { get; init; }

    public string? Cc { get; init; }

    public string? Bcc { get; init; }

    public string? Subject { get; init; }

    public string? Body { get; init; }

    public IReadOnlyList<OutgoingAttachment> Attachments { get; init; } = [];

    public long? OriginalMessageId { get; init; }

    public ComposeMode Mode { get; init; }
}
