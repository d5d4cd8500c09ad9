using System.Globalization;
using System.Text;

namespace Mailroom.Search;

/// <summary>
/// The one normaliser behind the full-text index on both databases: text is cut into words and each word is
/// folded (Unicode NFKD, combining marks dropped, lower-cased, ß as ss), so "Crème", "CREME" and "creme" are one
/// token. The index stores these tokens and queries are folded the same way, so SQLite and PostgreSQL match the
/// same words without either database's own accent or case rules (PostgreSQL's <c>unaccent</c> needs a superuser).
/// </summary>
internal static class SearchText
{
    /// <summary>Longer runs (base64, hashes) are cut; query words are cut the same way, so they still match.</summary>
    public const int MaxTokenLength = 60;

    /// <summary>The folded words of <paramref name="text"/>, with where each one is in the original string.</summary>
    public static IEnumerable<SearchToken> Tokens(string? text, int maxTokens = int.MaxValue)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        var count = 0;
        var position = 0;
        while (position < text.Length && count < maxTokens)
        {
            var length = WordCharacterLength(text, position);
            if (length == 0 || IsMark(text[position]))
            {
                position += char.IsSurrogatePair(text, position) ? 2 : 1;
                continue;
            }

            var start = position;
            if (IsIdeograph(text, position))
            {
                // Chinese and Japanese are written without spaces: each character is a word of its own, and a
                // searched word becomes a phrase of its characters (what CJK bigram/unigram indexes do).
                position += length;
            }
            else
            {
                while (position < text.Length && !IsIdeograph(text, position))
                {
                    var next = WordCharacterLength(text, position);
                    if (next == 0)
                    {
                        break;
                    }

                    position += next;
                }
            }

            foreach (var folded in Fold(text.AsSpan(start, position - start)))
            {
                if (count++ >= maxTokens)
                {
                    yield break;
                }

                yield return new SearchToken(start, position - start, folded);
            }
        }
    }

    /// <summary>The folded words of <paramref name="text"/> joined by single spaces: what a full-text column stores.</summary>
    public static string Join(string? text, int maxTokens = int.MaxValue) =>
        string.Join(' ', Tokens(text, maxTokens).Select(t => t.Text));

    /// <summary>Folds one word; folding can split it (NFKD turns "½" into "1⁄2"), so it yields one or more tokens.</summary>
    private static List<string> Fold(ReadOnlySpan<char> word)
    {
        if (Ascii.IsValid(word))
        {
            // The common case, without the cost of normalising: ASCII words need only lower-casing.
            var lower = word.Length > MaxTokenLength ? word[..MaxTokenLength] : word;
            return [string.Create(lower.Length, lower.ToString(), static (span, source) => source.AsSpan().ToLowerInvariant(span))];
        }

        var decomposed = word.ToString().Normalize(NormalizationForm.FormKD);
        var tokens = new List<string>(1);
        var builder = new StringBuilder(decomposed.Length);
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(decomposed, i);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < decomposed.Length)
            {
                if (char.IsLetterOrDigit(decomposed, i))
                {
                    builder.Append(c).Append(decomposed[i + 1]);
                }
                else
                {
                    Flush(builder, tokens);
                }

                i++;
                continue;
            }

            if (!char.IsLetterOrDigit(c))
            {
                Flush(builder, tokens);
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower == 'ß')
            {
                builder.Append("ss");
            }
            else if (lower == 'ς')
            {
                builder.Append('σ');
            }
            else
            {
                builder.Append(lower);
            }
        }

        Flush(builder, tokens);
        return tokens;
    }

    private static void Flush(StringBuilder builder, List<string> tokens)
    {
        if (builder.Length == 0)
        {
            return;
        }

        var length = Math.Min(builder.Length, MaxTokenLength);
        if (char.IsHighSurrogate(builder[length - 1]))
        {
            length--;
        }

        tokens.Add(builder.ToString(0, length));
        builder.Clear();
    }

    /// <summary>How many chars the word character at <paramref name="index"/> takes (0: not part of a word).</summary>
    private static int WordCharacterLength(string text, int index)
    {
        if (char.IsSurrogatePair(text, index))
        {
            return char.IsLetterOrDigit(text, index) ? 2 : 0;
        }

        // Combining marks belong to the word they follow ("e" + U+0301); the fold drops them.
        return char.IsLetterOrDigit(text[index]) || IsMark(text[index]) ? 1 : 0;
    }

    private static bool IsMark(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static bool IsIdeograph(string text, int index)
    {
        var codePoint = char.IsSurrogatePair(text, index) ? char.ConvertToUtf32(text[index], text[index + 1]) : text[index];
        return codePoint is (>= 0x3040 and <= 0x30FF) // Hiragana, Katakana
            or (>= 0x3400 and <= 0x4DBF) // CJK Extension A
            or (>= 0x4E00 and <= 0x9FFF) // CJK Unified Ideographs
            or (>= 0xF900 and <= 0xFAFF) // CJK Compatibility Ideographs
            or (>= 0xFF66 and <= 0xFF9F) // half-width Katakana
            or (>= 0x20000 and <= 0x3FFFF); // CJK Extensions B and later
    }
}

/// <summary>One folded word and the span of the original text it came from (for highlighting).</summary>
internal readonly record struct SearchToken(int Start, int Length, string Text);
