using Mailroom.Search;
using MimeKit;
using MimeKit.IO;
using MimeKit.Utils;

namespace Mailroom.Messages;

/// <summary>
/// The one place that turns raw message bytes into the list summary. Used by the fetch engine when it stores a
/// message and by tests that seed messages; lenient by design, because mail from the wild is often malformed.
/// </summary>
internal static class MessageSummaryParser
{
    public const int SnippetLength = 200;
    public const int SubjectLength = 500;
    public const int NameLength = 200;
    public const int AddressLength = 320;
    public const int RecipientsLength = 2000;

    /// <summary>
    /// How much of a message the summary reads. Headers, the first text part and the attachments' headers come first in
    /// real mail; what follows is attachment bodies, which the summary never needs, so a 3 MB message costs no more than a 256 KB one.
    /// </summary>
    public const int ParsedPrefixLength = 256 * 1024;

    /// <param name="raw">The message exactly as fetched.</param>
    /// <param name="fetchedAt">The sent date of last resort, when neither <c>Date:</c> nor <c>Received:</c> gives one.</param>
    public static MessageSummary Parse(byte[] raw, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(raw);
        using var stream = new MemoryStream(raw, writable: false);
        return Parse(stream, fetchedAt);
    }

    /// <summary>The same summary from a seekable stream (the fetcher's download buffer), read in place: nothing is copied or decoded but the text body.</summary>
    public static MessageSummary Parse(Stream raw, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var size = raw.Length;
        using var prefix = new BoundStream(raw, 0, Math.Min(size, ParsedPrefixLength), leaveOpen: true);
        return Summarize(MimeMessageLoader.TryLoadInPlace(prefix), size, fetchedAt);
    }

    /// <summary>The summary of an already parsed message (null: not a message at all) of <paramref name="size"/> raw bytes.</summary>
    internal static MessageSummary Summarize(MimeMessage? message, long size, DateTimeOffset fetchedAt)
    {
        if (message is null)
        {
            return new MessageSummary(fetchedAt.ToUniversalTime(), "", "", "", "", "", "", null, false, size, SearchableText.None);
        }

        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        var parts = MessageParts.Of(message);
        return new MessageSummary(
            SentAt: SentDate(message, fetchedAt),
            FromName: SummaryText.Clean(from?.Name, NameLength),
            FromAddress: SummaryText.Clean(from?.Address, AddressLength),
            To: Recipients(message.To),
            Cc: Recipients(message.Cc),
            Subject: SummaryText.Clean(message.Subject, SubjectLength),
            Snippet: Snippet(parts),
            MessageIdHeader: NullIfEmpty(SummaryText.Clean(message.MessageId, 998)),
            HasAttachments: parts.Attachments.Count > 0,
            Size: size,
            Text: SearchableText.Of(parts));
    }

    /// <summary><c>Date:</c> (RFC 5322 §3.6.1), else the newest <c>Received:</c> stamp (RFC 5321 §4.4), else the fetch time; always UTC.</summary>
    public static DateTimeOffset SentDate(MimeMessage message, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue)
        {
            return message.Date.ToUniversalTime();
        }

        var received = message.Headers[HeaderId.Received];
        if (received is not null)
        {
            var semicolon = received.LastIndexOf(';');
            if (semicolon >= 0 && DateUtils.TryParse(received[(semicolon + 1)..].Trim(), out var stamp))
            {
                return stamp.ToUniversalTime();
            }
        }

        return fetchedAt.ToUniversalTime();
    }

    private static string Recipients(InternetAddressList list)
    {
        var shown = list.Mailboxes.Select(m => string.IsNullOrWhiteSpace(m.Name) ? m.Address : $"{m.Name} <{m.Address}>");
        return SummaryText.Clean(string.Join(", ", shown), RecipientsLength);
    }

    private static string Snippet(MessageParts parts)
    {
        try
        {
            if (parts.Text is { } text)
            {
                // Quoted replies (lines starting with '>') say nothing new; the snippet skips them.
                var lines = text.Text.Split('\n').Where(line => !line.TrimStart().StartsWith('>'));
                return SummaryText.Clean(string.Join(' ', lines), SnippetLength);
            }

            if (parts.Html is { } html)
            {
                return SummaryText.Clean(HtmlToPlainText.Extract(html.Text, SnippetLength), SnippetLength);
            }
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or NotSupportedException)
        {
            // An undecodable body leaves the snippet empty; the reading pane explains the problem.
        }

        return "";
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
