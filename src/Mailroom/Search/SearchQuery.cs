using Mailroom.Messages;

namespace Mailroom.Search;

/// <summary>
/// A parsed search (see <see cref="SearchQueryParser"/>): every clause must match (AND), a clause matches when
/// any of its alternatives does (OR), and a negated clause must not match; the filters narrow by flags and dates.
/// </summary>
internal sealed record SearchQuery(IReadOnlyList<SearchClause> Clauses, SearchFilters Filters, IReadOnlyList<string> Notes)
{
    public static SearchQuery Empty { get; } = new([], new SearchFilters(), []);

    public bool IsEmpty => Clauses.Count == 0 && Filters.IsEmpty;

    public IEnumerable<SearchClause> Positive => Clauses.Where(c => !c.IsNegated);

    public IEnumerable<SearchClause> Negative => Clauses.Where(c => c.IsNegated);

    /// <summary>The folded words the user looked for (not the excluded ones): what results highlight.</summary>
    public IEnumerable<SearchTerm> HighlightTerms => Positive.SelectMany(c => c.Alternatives);
}

/// <summary>Where a word must be found: anywhere (text, subject, people, attachment names) or in one field.</summary>
internal enum SearchField
{
    Anywhere,
    From,
    /// <summary>To or Cc, as <c>to:</c> means in Gmail.</summary>
    To,
    Cc,
    Subject,
    FileName,
}

/// <summary>
/// Folded tokens that must appear next to each other in one field (one word is a phrase of one token; a word
/// such as "alice@example.com" folds into a phrase of three). <see cref="IsPrefix"/>: the last token may be
/// the start of a longer word.
/// </summary>
internal sealed record SearchTerm(SearchField Field, IReadOnlyList<string> Tokens, bool IsPrefix);

internal sealed record SearchClause(IReadOnlyList<SearchTerm> Alternatives, bool IsNegated);

/// <summary>Conditions on the summary columns; null means "either". Instants are UTC; <see cref="SentBefore"/> is exclusive.</summary>
internal sealed record SearchFilters(
    DateTimeOffset? SentFrom = null,
    DateTimeOffset? SentBefore = null,
    bool? IsRead = null,
    bool? HasAttachments = null,
    MailFolder? Folder = null)
{
    public bool IsEmpty => SentFrom is null && SentBefore is null && IsRead is null && HasAttachments is null && Folder is null;
}
