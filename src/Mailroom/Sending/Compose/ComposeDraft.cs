namespace Mailroom.Sending.Compose;

/// <summary>A prefilled compose form: empty for a new message, or built from a stored message for Reply, Reply all and Forward.</summary>
internal sealed record ComposeDraft(
    Guid? FromAddressId,
    string To,
    string Cc,
    string Subject,
    string Body,
    long? OriginalMessageId,
    ComposeMode Mode,
    IReadOnlyList<string> ForwardedAttachmentNames,
    string Bcc = "")
{
    public static ComposeDraft Empty(Guid? fromAddressId) => new(fromAddressId, "", "", "", "", null, ComposeMode.New, []);
}
