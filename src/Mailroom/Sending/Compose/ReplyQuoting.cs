using System.Globalization;
using System.Text;
using Mailroom.Messages;
using MimeKit;
using MimeKit.Text;

namespace Mailroom.Sending.Compose;

/// <summary>
/// What Reply, Reply all and Forward take from the original message: recipients, subject, quoted text and threading
/// headers. Built from the stored raw message, so it works for any message Mailroom fetched.
/// </summary>
internal static class ReplyQuoting
{
    public static string Subject(string? original, ComposeMode mode)
    {
        var subject = (original ?? "").Trim();
        var prefix = mode == ComposeMode.Forward ? "Fwd:" : "Re:";
        var already = mode == ComposeMode.Forward
            ? subject.StartsWith("Fwd:", StringComparison.OrdinalIgnoreCase) || subject.StartsWith("Fw:", StringComparison.OrdinalIgnoreCase)
            : subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase);
        return already ? subject : $"{prefix} {subject}".TrimEnd();
    }

    /// <summary>Reply goes to Reply-To (or From, RFC 5322 §3.6.2); Reply all adds the other To and Cc recipients, minus the user's own addresses.</summary>
    public static (List<MailboxAddress> To, List<MailboxAddress> Cc) Recipients(MimeMessage original, ComposeMode mode, IReadOnlySet<string> ownAddresses)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(ownAddresses);
        if (mode is ComposeMode.New or ComposeMode.Forward)
        {
            return ([], []);
        }

        var replyTarget = original.ReplyTo.Mailboxes.Any() ? original.ReplyTo.Mailboxes : original.From.Mailboxes;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var to = Distinct(replyTarget, seen, ownAddresses: null);
        if (to.All(m => ownAddresses.Contains(m.Address)))
        {
            // Replying to one's own sent message goes back to its recipients.
            to = Distinct(original.To.Mailboxes, seen, ownAddresses: null);
        }

        if (mode != ComposeMode.ReplyAll)
        {
            return (to, []);
        }

        to.AddRange(Distinct(original.To.Mailboxes, seen, ownAddresses));
        var cc = Distinct(original.Cc.Mailboxes, seen, ownAddresses);
        return (to, cc);
    }

    public static string Body(MimeMessage original, ComposeMode mode, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(original);
        var text = OriginalText(original);
        var from = original.From.Mailboxes.FirstOrDefault();
        var sender = from is null ? "Unknown sender" : string.IsNullOrWhiteSpace(from.Name) ? from.Address : $"{from.Name} <{from.Address}>";
        var date = original.Date == DateTimeOffset.MinValue ? null : TimeZoneInfo.ConvertTime(original.Date, timeZone).ToString("ddd, d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
        var result = new StringBuilder("\n\n");
        if (mode == ComposeMode.Forward)
        {
            result.Append("---------- Forwarded message ----------\n")
                .Append(CultureInfo.InvariantCulture, $"From: {sender}\n");
            if (date is not null)
            {
                result.Append(CultureInfo.InvariantCulture, $"Date: {date}\n");
            }

            result.Append(CultureInfo.InvariantCulture, $"Subject: {original.Subject}\n")
                .Append(CultureInfo.InvariantCulture, $"To: {string.Join(", ", original.To.Mailboxes.Select(m => m.ToString()))}\n\n")
                .Append(text);
            return result.ToString();
        }

        result.Append(date is null ? $"{sender} wrote:\n" : $"On {date}, {sender} wrote:\n");
        foreach (var line in text.Split('\n'))
        {
            // RFC 3676 §4.5: quoted lines start with '>', nested quotes without a space between the marks.
            result.Append(line.StartsWith('>') ? ">" : "> ").Append(line).Append('\n');
        }

        return result.ToString();
    }

    /// <summary>Message-IDs for In-Reply-To and References (RFC 5322 §3.6.4): the original's references plus its own id.</summary>
    public static (string? InReplyTo, List<string> References) Threading(MimeMessage original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var references = original.References.ToList();
        if (references.Count == 0 && !string.IsNullOrEmpty(original.InReplyTo))
        {
            references.Add(original.InReplyTo);
        }

        if (!string.IsNullOrEmpty(original.MessageId))
        {
            references.Add(original.MessageId);
        }

        return (NullIfEmpty(original.MessageId), references);
    }

    private static string OriginalText(MimeMessage original)
    {
        var parts = MessageParts.Of(original);
        try
        {
            if (parts.Text is { } plain)
            {
                var text = plain.IsFlowed ? new FlowedToText().Convert(plain.Text) : plain.Text;
                return text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
            }

            if (parts.Html is { } html)
            {
                return HtmlToPlainText.Extract(html.Text, int.MaxValue / 4).Trim();
            }
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or NotSupportedException)
        {
            // An undecodable body is left out of the quote; the user still has the original in the reading pane.
        }

        return "";
    }

    private static List<MailboxAddress> Distinct(IEnumerable<MailboxAddress> mailboxes, HashSet<string> seen, IReadOnlySet<string>? ownAddresses) =>
        [.. mailboxes.Where(m => !string.IsNullOrWhiteSpace(m.Address)
            && (ownAddresses is null || !ownAddresses.Contains(m.Address))
            && seen.Add(m.Address))];

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
