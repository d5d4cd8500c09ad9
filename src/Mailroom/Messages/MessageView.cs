namespace Mailroom.Messages;

/// <summary>Everything the reading pane shows of one message, built from its raw bytes.</summary>
internal sealed record MessageView(
    string Subject,
    IReadOnlyList<MailboxView> From,
    IReadOnlyList<MailboxView> To,
    IReadOnlyList<MailboxView> Cc,
    IReadOnlyList<MailboxView> ReplyTo,
    DateTimeOffset SentAt,
    IReadOnlyList<TextSegment>? Text,
    SanitizedHtml? Html,
    IReadOnlyList<AttachmentInfo> Attachments,
    IReadOnlyList<string> Notes,
    bool TextBesideHtml = false);

internal sealed record MailboxView(string Name, string Address)
{
    public string Display => Name.Length == 0 ? Address : Address.Length == 0 ? Name : $"{Name} <{Address}>";
}

/// <summary>An attachment as listed; <see cref="Index"/> is its number within the message, stable because the raw bytes never change.</summary>
internal sealed record AttachmentInfo(int Index, string FileName, string ContentType, long Size);
