namespace Mailroom.Sending.Compose;

/// <summary>A file the user attached. The name is only a suggestion to the recipient's mail program.</summary>
internal sealed record OutgoingAttachment(string FileName, string ContentType, byte[] Content);
