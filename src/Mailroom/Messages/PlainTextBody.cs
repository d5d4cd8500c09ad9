using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Text;

namespace Mailroom.Messages;

/// <summary>
/// A text/plain body as the user should read it: format=flowed lines joined (RFC 3676), links found.
/// Nothing else is interpreted, so the result can only ever be shown as text.
/// </summary>
internal static partial class PlainTextBody
{
    public static IReadOnlyList<TextSegment> From(TextPart part, string text)
    {
        ArgumentNullException.ThrowIfNull(part);
        return Linkify(Unflow(part, text));
    }

    public static IReadOnlyList<TextSegment> Linkify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<TextSegment>();
        var position = 0;
        foreach (Match match in LinkPattern().Matches(text))
        {
            var link = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', '\'', '"', ')', ']', '}');
            if (link.Length < match.Value.Length && link.Count(c => c == '(') > link.Count(c => c == ')') && match.Value[link.Length] == ')')
            {
                link += ")";
            }

            if (match.Index > position)
            {
                segments.Add(new TextSegment(text[position..match.Index]));
            }

            var url = link.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "https://" + link : link;
            segments.Add(new TextSegment(link, url));
            position = match.Index + link.Length;
        }

        if (position < text.Length)
        {
            segments.Add(new TextSegment(text[position..]));
        }

        return segments;
    }

    private static string Unflow(TextPart part, string text)
    {
        if (!part.IsFlowed)
        {
            return text;
        }

        var delSp = part.ContentType.Parameters.TryGetValue("delsp", out string? value)
            && value is not null && value.Equals("yes", StringComparison.OrdinalIgnoreCase);
        return new FlowedToText { DeleteSpace = delSp }.Convert(text);
    }

    // Only schemes that are safe to open in a new tab; javascript:, data: and the like stay text.
    [GeneratedRegex(@"\b(?:https?://|mailto:|www\.)[^\s<>""\u0000-\u001F]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LinkPattern();
}
