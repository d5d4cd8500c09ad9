using Mailroom.Messages;
using MimeKit;

namespace Mailroom.Search;

/// <summary>What of a message is searched besides its summary: the body as text (plain and HTML parts, decoded from their charsets) and the attachment names.</summary>
internal sealed record SearchableText(string Body, string AttachmentNames)
{
    /// <summary>Text beyond this is not indexed (a few hundred KB of mail, far more than anyone reads).</summary>
    public const int MaxBodyLength = 200_000;

    public static SearchableText None { get; } = new("", "");

    public static SearchableText Of(MessageParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var body = new List<string>(2);
        if (TryDecode(parts.Text) is { Length: > 0 } text)
        {
            body.Add(text.Length > MaxBodyLength ? text[..MaxBodyLength] : text);
        }

        // Alternatives often differ (the HTML part carries links, footers, or the only copy of the text), so both are indexed.
        if (TryDecode(parts.Html) is { Length: > 0 } html)
        {
            body.Add(HtmlToPlainText.Extract(html, MaxBodyLength / 2));
        }

        var names = parts.Attachments
            .Select(a => a is MimePart part ? part.FileName : a.ContentType.Name)
            .Where(name => !string.IsNullOrWhiteSpace(name));
        return new SearchableText(StorableText(string.Join("\n", body)), StorableText(string.Join("\n", names)));
    }

    /// <summary>PostgreSQL refuses NUL in text and Npgsql refuses lone surrogates; neither is ever part of a word.</summary>
    private static string StorableText(string text)
    {
        if (!text.Contains('\0', StringComparison.Ordinal) && text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '\0')
            {
                chars[i] = ' ';
            }
            else if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    private static string? TryDecode(TextPart? part)
    {
        try
        {
            return part?.Text;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or NotSupportedException)
        {
            // An undecodable body is not searchable; the reading pane explains the problem.
            return null;
        }
    }
}
