using System.Text;
using MimeKit;

namespace Mailroom.Messages;

/// <summary>Builds the reading pane's view from raw bytes; shows whatever can be shown, with a note for what cannot.</summary>
internal static class MessageViewBuilder
{
    public static MessageView Build(byte[] raw, DateTimeOffset sentAt, bool allowRemoteImages)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var message = MimeMessageLoader.TryLoad(raw);
        if (message is null)
        {
            return Unreadable(raw, sentAt);
        }

        var notes = new List<string>();
        if (!message.Headers.Contains(HeaderId.Date) || message.Date == DateTimeOffset.MinValue)
        {
            notes.Add("This message has no valid Date header; it is dated by when it was received.");
        }

        var parts = MessageParts.Of(message);
        var text = parts.Text is { } textPart ? PlainTextBody.From(textPart, Decode(textPart, notes)) : null;
        var html = parts.Html is { } htmlPart
            ? MailHtmlSanitizer.Sanitize(Decode(htmlPart, notes), cid => InlineImages.DataUrl(parts, cid), allowRemoteImages)
            : null;

        if (text is null && html is null)
        {
            notes.Add(parts.Attachments.Count > 0
                ? "This message has no text of its own; its content is in the attachments below."
                : "This message has no readable content.");
        }

        return new MessageView(
            Subject: SummaryText.Clean(message.Subject, MessageSummaryParser.SubjectLength),
            From: Mailboxes(message.From),
            To: Mailboxes(message.To),
            Cc: Mailboxes(message.Cc),
            ReplyTo: Mailboxes(message.ReplyTo),
            SentAt: sentAt,
            Text: text,
            Html: html,
            Attachments: Attachments.Describe(parts),
            Notes: notes,
            TextBesideHtml: parts.TextBesideHtml);
    }

    /// <summary>Only the sanitised HTML body (for the message frame), without decoding attachments; null when there is none.</summary>
    public static SanitizedHtml? SanitizedHtml(byte[] raw, bool allowRemoteImages)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var message = MimeMessageLoader.TryLoad(raw);
        if (message is null || MessageParts.Of(message) is not { Html: { } htmlPart } parts)
        {
            return null;
        }

        return MailHtmlSanitizer.Sanitize(Decode(htmlPart, []), cid => InlineImages.DataUrl(parts, cid), allowRemoteImages);
    }

    private static MessageView Unreadable(byte[] raw, DateTimeOffset sentAt)
    {
        var note = raw.Length == 0
            ? "This message is empty (0 bytes)."
            : "This message could not be read as MIME; it is shown as plain text. Show original has it exactly as received.";
        var text = raw.Length == 0 ? null : PlainTextBody.Linkify(Encoding.UTF8.GetString(raw));
        return new MessageView("", [], [], [], [], sentAt, text, null, [], [note]);
    }

    private static string Decode(TextPart part, List<string> notes)
    {
        try
        {
            return part.Text;
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or DecoderFallbackException)
        {
            // Unknown or lying charset: Latin-1 maps every byte to a character, so the user sees something.
            notes.Add($"The text declares a character set that cannot be used ({part.ContentType.Charset}); it is shown as Latin-1.");
            return part.GetText(Encoding.Latin1);
        }
    }

    private static IReadOnlyList<MailboxView> Mailboxes(InternetAddressList list) =>
        [.. list.Mailboxes.Select(m => new MailboxView(
            SummaryText.Clean(m.Name, MessageSummaryParser.NameLength),
            SummaryText.Clean(m.Address, MessageSummaryParser.AddressLength)))];
}
