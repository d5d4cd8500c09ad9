using System.Text;

namespace Mailroom.Search;

/// <summary>
/// Finds where a result matched and marks the words, on the original text (the index holds folded tokens only):
/// the same fold decides, so "Crème" is marked for a search for "creme".
/// </summary>
internal static class SearchHighlighter
{
    public const int SnippetLength = 200;

    private const int LeadingContext = 60;

    /// <summary>A window of <paramref name="text"/> around its first match, or null when no searched word is in it.</summary>
    public static HighlightedText? Around(string text, IReadOnlyCollection<SearchTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        var matcher = new Matcher(terms);
        var first = SearchText.Tokens(text).FirstOrDefault(t => matcher.Matches(t.Text));
        if (first.Text is null)
        {
            return null;
        }

        var start = Math.Max(0, first.Start - LeadingContext);
        if (start > 0)
        {
            // Start at a word boundary, never inside the word before the match.
            var space = text.IndexOfAny([' ', '\n', '\t'], start, first.Start - start);
            start = space < 0 ? first.Start : space + 1;
        }

        var end = Math.Min(text.Length, start + SnippetLength);
        if (end < text.Length && char.IsLowSurrogate(text[end]))
        {
            end--;
        }

        var window = (start > 0 ? "…" : "") + Collapse(text[start..end]) + (end < text.Length ? "…" : "");
        return Mark(window, matcher);
    }

    /// <summary><paramref name="text"/> with every searched word marked (no marks when none is in it).</summary>
    public static HighlightedText Within(string text, IReadOnlyCollection<SearchTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        return Mark(text, new Matcher(terms));
    }

    private static HighlightedText Mark(string text, Matcher matcher) =>
        new(text, [.. SearchText.Tokens(text).Where(t => matcher.Matches(t.Text)).Select(t => new TextRange(t.Start, t.Length))]);

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var blank = char.IsWhiteSpace(c) || char.IsControl(c);
            if (!blank)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().TrimEnd();
    }

    private sealed class Matcher(IReadOnlyCollection<SearchTerm> terms)
    {
        private readonly HashSet<string> _words = [.. terms.SelectMany(t => t.IsPrefix ? t.Tokens.SkipLast(1) : t.Tokens)];

        private readonly string[] _prefixes = [.. terms.Where(t => t.IsPrefix).Select(t => t.Tokens[^1])];

        public bool Matches(string token) =>
            _words.Contains(token) || _prefixes.Any(p => token.StartsWith(p, StringComparison.Ordinal));
    }
}

/// <summary>Text with the ranges a search matched (offsets in UTF-16 code units of <see cref="Text"/>).</summary>
internal sealed record HighlightedText(string Text, IReadOnlyList<TextRange> Marks);

internal readonly record struct TextRange(int Start, int Length);
