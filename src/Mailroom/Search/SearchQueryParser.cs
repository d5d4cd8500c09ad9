using System.Globalization;
using System.Text.RegularExpressions;
using Mailroom.Messages;

namespace Mailroom.Search;

/// <summary>
/// Reads Gmail's search syntax: words, "phrases", <c>OR</c>, <c>-word</c>, <c>from:</c> <c>to:</c> <c>cc:</c>
/// <c>subject:</c> <c>filename:</c>, <c>has:attachment</c>, <c>is:unread</c>/<c>is:read</c>, <c>in:inbox</c>/<c>in:sent</c>,
/// <c>before:</c>/<c>after:</c> (a date in the reader's time zone), <c>older_than:</c>/<c>newer_than:</c> (2d, 3w, 6m, 1y),
/// and <c>word*</c> for a prefix. Any text parses: what cannot be understood is searched as words or ignored with a
/// note, never an error. The result holds folded tokens only, so nothing the user types reaches SQL or an index's own
/// query syntax unquoted.
/// </summary>
internal static partial class SearchQueryParser
{
    public const int MaxQueryLength = 1000;
    public const int MaxClauses = 16;
    public const int MaxTokensPerTerm = 16;

    /// <param name="text">What the user typed.</param>
    /// <param name="context">The reader's time zone and clock; and whether the last word is still being typed.</param>
    public static SearchQuery Parse(string? text, SearchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(text))
        {
            return SearchQuery.Empty;
        }

        var notes = new List<string>();
        if (text.Length > MaxQueryLength)
        {
            notes.Add($"Only the first {MaxQueryLength:N0} characters were searched.");
            text = text[..MaxQueryLength];
        }

        var builder = new Builder(context, notes);
        var items = Lex(text);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.IsOperator("OR") || item.IsOperator("|"))
            {
                builder.PendingOr = true;
                continue;
            }

            if (item.IsOperator("AND"))
            {
                continue;
            }

            var isLast = i == items.Count - 1 && !char.IsWhiteSpace(text[^1]);
            builder.Add(item, typing: isLast && context.LastWordIsPrefix);
        }

        return new SearchQuery(builder.Clauses, builder.Filters, notes);
    }

    private static List<LexItem> Lex(string text)
    {
        var items = new List<LexItem>();
        var position = 0;
        while (position < text.Length)
        {
            var c = text[position];
            if (char.IsWhiteSpace(c) || c is '(' or ')' or '{' or '}')
            {
                position++;
                continue;
            }

            var negated = false;
            if (c == '-' && position + 1 < text.Length && !char.IsWhiteSpace(text[position + 1]))
            {
                negated = true;
                position++;
            }

            string? qualifier = null;
            var colon = text.IndexOf(':', position, Math.Min(text.Length - position, 16));
            if (colon > position && text[position] != '"' && !text.AsSpan(position, colon - position).ContainsAny(Separators))
            {
                var candidate = text[position..colon].ToLowerInvariant();
                if (Qualifiers.Contains(candidate))
                {
                    qualifier = candidate;
                    position = colon + 1;
                }
            }

            string value;
            var quoted = position < text.Length && text[position] == '"';
            if (quoted)
            {
                // An unbalanced quote runs to the end of the query, as it does in Gmail.
                var close = text.IndexOf('"', position + 1);
                var end = close < 0 ? text.Length : close;
                value = text[(position + 1)..end];
                position = close < 0 ? text.Length : close + 1;
            }
            else
            {
                var end = position;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('(' or ')' or '{' or '}'))
                {
                    end++;
                }

                value = text[position..end];
                position = end;
            }

            items.Add(new LexItem(qualifier, value, quoted, negated));
        }

        return items;
    }

    private static readonly HashSet<string> Qualifiers =
        ["from", "to", "cc", "subject", "filename", "has", "is", "in", "before", "after", "older_than", "newer_than", "older", "newer"];

    private static readonly System.Buffers.SearchValues<char> Separators = System.Buffers.SearchValues.Create(" \t\r\n\"()");

    [GeneratedRegex(@"^(\d{1,3})([dwmy])$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex RelativeAge();

    private static readonly string[] DateFormats = ["yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy/M", "yyyy-M"];

    private sealed record LexItem(string? Qualifier, string Value, bool Quoted, bool Negated)
    {
        public bool IsOperator(string word) => Qualifier is null && !Quoted && !Negated && Value == word;
    }

    private sealed class Builder(SearchContext context, List<string> notes)
    {
        private bool _truncated;

        public List<SearchClause> Clauses { get; } = [];

        public SearchFilters Filters { get; private set; } = new();

        public bool PendingOr { get; set; }

        public void Add(LexItem item, bool typing)
        {
            var or = PendingOr;
            PendingOr = false;
            switch (item.Qualifier)
            {
                case null or "from" or "to" or "cc" or "subject" or "filename":
                    AddText(item, typing, or);
                    break;
                case "has":
                    Filter(item, item.Value.Equals("attachment", StringComparison.OrdinalIgnoreCase) || item.Value.Equals("attachments", StringComparison.OrdinalIgnoreCase)
                        ? Filters with { HasAttachments = !item.Negated } : null, "has:attachment");
                    break;
                case "is":
                    var read = item.Value.ToLowerInvariant() switch { "read" => true, "unread" => false, _ => (bool?)null };
                    Filter(item, read is { } isRead ? Filters with { IsRead = isRead != item.Negated } : null, "is:unread or is:read");
                    break;
                case "in":
                    var folder = item.Value.ToLowerInvariant() switch { "inbox" => MailFolder.Inbox, "sent" => MailFolder.Sent, _ => (MailFolder?)null };
                    Filter(item, folder is not null && !item.Negated ? Filters with { Folder = folder } : null, "in:inbox or in:sent");
                    break;
                case "before" or "after":
                    AddDate(item);
                    break;
                default:
                    AddAge(item);
                    break;
            }
        }

        private void AddText(LexItem item, bool typing, bool or)
        {
            var value = item.Value;
            var prefix = false;
            if (!item.Quoted && value.EndsWith('*'))
            {
                prefix = true;
                value = value.TrimEnd('*');
            }

            var tokens = SearchText.Tokens(value, MaxTokensPerTerm).Select(t => t.Text).ToList();
            if (tokens.Count == 0)
            {
                return;
            }

            var field = item.Qualifier switch
            {
                "from" => SearchField.From,
                "to" => SearchField.To,
                "cc" => SearchField.Cc,
                "subject" => SearchField.Subject,
                "filename" => SearchField.FileName,
                _ => SearchField.Anywhere,
            };

            // A word still being typed matches longer words; a single letter would match nearly everything, so it waits.
            var term = new SearchTerm(field, tokens, prefix || (typing && !item.Quoted && !item.Negated && tokens[^1].Length > 1));
            if (or && Clauses.Count > 0 && !Clauses[^1].IsNegated && !item.Negated)
            {
                Clauses[^1] = Clauses[^1] with { Alternatives = [.. Clauses[^1].Alternatives, term] };
                return;
            }

            if (Clauses.Count >= MaxClauses)
            {
                if (!_truncated)
                {
                    notes.Add($"Only the first {MaxClauses} words or phrases were searched.");
                    _truncated = true;
                }

                return;
            }

            Clauses.Add(new SearchClause([term], item.Negated));
        }

        private void AddDate(LexItem item)
        {
            if (!DateOnly.TryParseExact(item.Value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                notes.Add($"“{item.Qualifier}:{item.Value}” was ignored: write dates as 2024/03/31.");
                return;
            }

            var startOfDay = context.StartOfDay(date);
            // Gmail: after:D includes D, before:D stops at the start of D.
            Filters = (item.Qualifier == "after") != item.Negated
                ? Filters with { SentFrom = startOfDay }
                : Filters with { SentBefore = startOfDay };
        }

        private void AddAge(LexItem item)
        {
            var match = RelativeAge().Match(item.Value);
            if (!match.Success)
            {
                notes.Add($"“{item.Qualifier}:{item.Value}” was ignored: write an age such as 3d, 2w, 6m or 1y.");
                return;
            }

            var amount = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var now = context.Now;
            var since = char.ToLowerInvariant(match.Groups[2].Value[0]) switch
            {
                'd' => now.AddDays(-amount),
                'w' => now.AddDays(-7 * amount),
                'm' => now.AddMonths(-amount),
                _ => now.AddYears(-amount),
            };
            var newer = item.Qualifier!.StartsWith("newer", StringComparison.Ordinal);
            Filters = newer != item.Negated ? Filters with { SentFrom = since } : Filters with { SentBefore = since };
        }

        private void Filter(LexItem item, SearchFilters? filtered, string expected)
        {
            if (filtered is null)
            {
                notes.Add($"“{(item.Negated ? "-" : "")}{item.Qualifier}:{item.Value}” was ignored: use {expected}.");
                return;
            }

            Filters = filtered;
        }
    }
}

/// <summary>What a query's meaning depends on besides its text.</summary>
/// <param name="TimeZone">The reader's zone: <c>before:2024/03/31</c> means midnight there.</param>
/// <param name="Now">For <c>newer_than:</c> and <c>older_than:</c>.</param>
/// <param name="LastWordIsPrefix">The user is still typing: the last word also matches longer words.</param>
internal sealed record SearchContext(TimeZoneInfo TimeZone, DateTimeOffset Now, bool LastWordIsPrefix = false)
{
    public DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A day that starts inside a daylight-saving gap starts at the first valid minute after it.
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}
