using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;

namespace Mailroom.Messages;

/// <summary>
/// Reads the summary out of raw message bytes. Mail in the wild is often broken, so every field is best effort
/// and nothing here throws for bad input: the raw bytes are kept regardless and are what counts.
/// </summary>
public static partial class MessageSummaryParser
{
    public const int SnippetLength = 200;

    // Generous for a list line; protects the row from headers with thousands of recipients.
    private const int MaxAddressListLength = 2000;
    private const int MaxSubjectLength = 1000;

    // Enough HTML to find 200 characters of text without scanning a huge newsletter.
    private const int MaxHtmlScanned = 64 * 1024;

    public static MessageSummary Parse(byte[] raw, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(raw);
        MimeMessage message;
        try
        {
            // persistent: MIME parts point into the buffer instead of copying it.
            message = MimeMessage.Load(new MemoryStream(raw, writable: false), persistent: true);
        }
        catch (FormatException)
        {
            return Unreadable(raw.LongLength, fetchedAt);
        }

        var from = message.From.Mailboxes.FirstOrDefault();
        return new MessageSummary(
            SentAt: SentDate(message, fetchedAt),
            FromName: Limit(from?.Name ?? "", MaxSubjectLength),
            FromAddress: Limit(from?.Address ?? "", 320),
            To: Limit(message.To.ToString(), MaxAddressListLength),
            Cc: Limit(message.Cc.ToString(), MaxAddressListLength),
            Subject: Limit(message.Subject ?? "", MaxSubjectLength),
            Snippet: Snippet(message),
            MessageIdHeader: string.IsNullOrEmpty(message.MessageId) ? null : Limit(message.MessageId, 998),
            HasAttachments: message.Attachments.Any(),
            Size: raw.LongLength);
    }

    /// <summary>The Date: header (RFC 5322 §3.6.1, parsed leniently), else the newest Received: stamp (RFC 5321 §4.4), else when Mailroom fetched it.</summary>
    internal static DateTimeOffset SentDate(MimeMessage message, DateTimeOffset fetchedAt)
    {
        // MimeKit reports a missing or unparseable Date: as MinValue.
        if (message.Date != DateTimeOffset.MinValue)
        {
            return message.Date.ToUniversalTime();
        }

        var received = message.Headers.FirstOrDefault(h => h.Id == HeaderId.Received);
        if (received is not null)
        {
            var stamp = received.Value.LastIndexOf(';');
            if (stamp >= 0 && DateUtils.TryParse(received.Value[(stamp + 1)..], out var receivedAt))
            {
                return receivedAt.ToUniversalTime();
            }
        }

        return fetchedAt.ToUniversalTime();
    }

    private static string Snippet(MimeMessage message)
    {
        string? text;
        try
        {
            text = message.TextBody;
            if (string.IsNullOrWhiteSpace(text) && message.HtmlBody is { } html)
            {
                text = HtmlToText(html.Length > MaxHtmlScanned ? html[..MaxHtmlScanned] : html);
            }
        }
        catch (Exception exception) when (exception is FormatException or DecoderFallbackException or NotSupportedException or RegexMatchTimeoutException)
        {
            // A body whose encoding or charset cannot be decoded, or pathological HTML: the list simply shows no snippet.
            return "";
        }

        return string.IsNullOrEmpty(text) ? "" : Collapse(text, SnippetLength);
    }

    private static string HtmlToText(string html)
    {
        var withoutInvisible = InvisibleHtml().Replace(html, " ");
        var withoutTags = HtmlTag().Replace(withoutInvisible, " ");
        return System.Net.WebUtility.HtmlDecode(withoutTags);
    }

    private static string Collapse(string text, int length)
    {
        var snippet = new StringBuilder(length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = snippet.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                snippet.Append(' ');
                pendingSpace = false;
            }

            snippet.Append(c);
            if (snippet.Length >= length)
            {
                break;
            }
        }

        return snippet.ToString();
    }

    private static string Limit(string value, int length) => value.Length <= length ? value : value[..length];

    private static MessageSummary Unreadable(long size, DateTimeOffset fetchedAt) =>
        new(fetchedAt.ToUniversalTime(), "", "", "", "", "", "", null, false, size);

    [GeneratedRegex(@"<(script|style|head)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex InvisibleHtml();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HtmlTag();
}
