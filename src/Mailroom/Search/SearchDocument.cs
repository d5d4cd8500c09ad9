using System.Text;
using Mailroom.Messages;

namespace Mailroom.Search;

/// <summary>
/// One message as the index sees it: the folded tokens of each searchable field. SQLite stores each field as a
/// column of an FTS5 table; PostgreSQL stores one tsvector in which the fields follow each other (a gap between
/// them keeps a phrase inside one field) and the tokens of the qualifiable fields appear a second time with a
/// field mark (<c>~f</c> from, <c>~t</c> to, <c>~c</c> cc, <c>~s</c> subject, <c>~a</c> attachment name), which
/// <c>from:</c> and the like look for. A mark starts with '~', which no folded token does, so a prefix search never meets one.
/// </summary>
internal sealed class SearchDocument
{
    /// <summary>PostgreSQL keeps positions up to 16,383; the body is cut there on both databases so both find the same.</summary>
    public const int MaxBodyTokens = 16_000;

    private const int MaxHeaderTokens = 80;

    private SearchDocument(
        IReadOnlyList<string> sender, IReadOnlyList<string> recipients, IReadOnlyList<string> cc, IReadOnlyList<string> subject,
        IReadOnlyList<string> fileNames, IReadOnlyList<string> body, string indexedBody)
    {
        Sender = sender;
        Recipients = recipients;
        Cc = cc;
        Subject = subject;
        FileNames = fileNames;
        Body = body;
        IndexedBody = indexedBody;
    }

    public IReadOnlyList<string> Sender { get; }

    public IReadOnlyList<string> Recipients { get; }

    public IReadOnlyList<string> Cc { get; }

    public IReadOnlyList<string> Subject { get; }

    public IReadOnlyList<string> FileNames { get; }

    public IReadOnlyList<string> Body { get; }

    /// <summary>The body text up to the end of its last indexed token: what results show matches from.</summary>
    public string IndexedBody { get; }

    public static SearchDocument Of(StoredMessage message, SearchableText text)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(text);
        var body = SearchText.Tokens(text.Body, MaxBodyTokens).ToList();
        var indexedBody = body.Count < MaxBodyTokens ? text.Body : text.Body[..(body[^1].Start + body[^1].Length)];
        return new SearchDocument(
            Header($"{message.FromName} {message.FromAddress}"),
            Header(message.To),
            Header(message.Cc),
            Header(message.Subject),
            Header(text.AttachmentNames),
            [.. body.Select(t => t.Text)],
            indexedBody);
    }

    /// <summary>The PostgreSQL tsvector in its text form (<c>'word':1,7 '~fword':1</c>), cast with <c>::tsvector</c>.</summary>
    public string ToTsVector()
    {
        var positions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var position = 1;
        Add(Sender, "~f");
        Add(Recipients, "~t");
        Add(Cc, "~c");
        Add(Subject, "~s");
        Add(FileNames, "~a");
        Add(Body, null);

        var literal = new StringBuilder();
        foreach (var (lexeme, at) in positions)
        {
            literal.Append(literal.Length == 0 ? "" : " ").Append(TsLiteral.Quote(lexeme)).Append(':').AppendJoin(',', at);
        }

        return literal.ToString();

        void Add(IReadOnlyList<string> tokens, string? mark)
        {
            foreach (var token in tokens)
            {
                var at = Math.Min(position++, TsLiteral.MaxPosition);
                Record(token, at);
                if (mark is not null)
                {
                    Record(mark + token, at);
                }
            }

            // The gap: "smith" ending the sender and "renewal" starting the subject are not a phrase.
            position++;
        }

        void Record(string lexeme, int at)
        {
            if (!positions.TryGetValue(lexeme, out var list))
            {
                positions[lexeme] = list = [];
            }

            if (list.Count < TsLiteral.MaxPositionsPerLexeme && (list.Count == 0 || list[^1] != at))
            {
                list.Add(at);
            }
        }
    }

    private static List<string> Header(string? value) => [.. SearchText.Tokens(value, MaxHeaderTokens).Select(t => t.Text)];
}

/// <summary>PostgreSQL's text forms of tsvector and tsquery, which take lexemes verbatim (no parser, no dictionary).</summary>
internal static class TsLiteral
{
    public const int MaxPosition = 16_383;

    public const int MaxPositionsPerLexeme = 255;

    public static string Quote(string lexeme) =>
        "'" + lexeme.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}
