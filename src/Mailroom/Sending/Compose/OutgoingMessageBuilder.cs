using Mailroom.Messages;
using MimeKit;
using MimeKit.Utils;

namespace Mailroom.Sending.Compose;

/// <summary>Everything a message needs once the input is validated and the sender is known.</summary>
internal sealed record OutgoingParts(
    MailboxAddress From,
    MailboxAddress? ReplyTo,
    IReadOnlyList<MailboxAddress> To,
    IReadOnlyList<MailboxAddress> Cc,
    IReadOnlyList<MailboxAddress> Bcc,
    string Subject,
    string Body,
    IReadOnlyList<OutgoingAttachment> Attachments,
    IReadOnlyList<MimeEntity> ForwardedAttachments,
    string? InReplyTo,
    IReadOnlyList<string> References);

/// <summary>Builds the MIME message: plain text body, attachments, threading headers (RFC 5322 §3.6.4).</summary>
internal static class OutgoingMessageBuilder
{
    public static MimeMessage Build(OutgoingParts parts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var message = new MimeMessage();
        message.From.Add(parts.From);
        if (parts.ReplyTo is not null)
        {
            message.ReplyTo.Add(parts.ReplyTo);
        }

        message.To.AddRange(parts.To);
        message.Cc.AddRange(parts.Cc);
        message.Bcc.AddRange(parts.Bcc);
        message.Subject = parts.Subject;
        message.Date = now;
        message.MessageId = MimeUtils.GenerateMessageId(Domain(parts.From.Address));
        if (parts.InReplyTo is not null)
        {
            message.InReplyTo = parts.InReplyTo;
        }

        foreach (var reference in parts.References)
        {
            message.References.Add(reference);
        }

        var text = new TextPart("plain") { Text = Normalize(parts.Body) };
        text.ContentType.Charset = "utf-8";
        if (parts.Attachments.Count == 0 && parts.ForwardedAttachments.Count == 0)
        {
            message.Body = text;
            return message;
        }

        var mixed = new Multipart("mixed") { text };
        foreach (var (attachment, index) in parts.Attachments.Select((a, i) => (a, i)))
        {
            mixed.Add(AttachmentPart(attachment, index));
        }

        foreach (var forwarded in parts.ForwardedAttachments)
        {
            mixed.Add(forwarded);
        }

        message.Body = mixed;
        return message;
    }

    private static MimePart AttachmentPart(OutgoingAttachment attachment, int index)
    {
        var contentType = ContentType.TryParse(attachment.ContentType, out var parsed) ? parsed : new ContentType("application", "octet-stream");
        return new MimePart(contentType)
        {
            Content = new MimeContent(new MemoryStream(attachment.Content, writable: false)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            // Whatever the client sent (an API caller's "../../etc/passwd"), only a clean last segment goes out.
            FileName = SafeFileName.Clean(attachment.FileName, $"attachment-{index + 1}.bin"),
        };
    }

    /// <summary>Browsers post CRLF, scripts LF: one line-break convention before MIME encoding.</summary>
    private static string Normalize(string body) => body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string Domain(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "mailroom.invalid";
    }
}
