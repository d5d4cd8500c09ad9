using Mailroom.Data;
using Mailroom.Messages;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Search;

/// <summary>
/// What a search page shows besides the rows: how many messages match (counted up to <see cref="CountCap"/>,
/// shown as "more than 1,000" beyond: counting further would read every match) and each row's snippet around its first match, words marked.
/// </summary>
internal sealed record SearchResults(SearchQuery Query, int Count, bool IsCountCapped, IReadOnlyDictionary<long, HighlightedText> Snippets)
{
    public const int CountCap = 1_000;

    /// <summary>How much of a body is read to find the first match for a snippet.</summary>
    private const int ScannedBodyLength = 20_000;

    internal static async Task<SearchResults> ForAsync(
        MailroomDbContext db, IQueryable<StoredMessage> matches, SearchQuery query, IReadOnlyList<MessageListItem> page,
        CancellationToken cancellationToken)
    {
        var count = await matches.Take(CountCap + 1).CountAsync(cancellationToken);
        var ids = page.Select(i => i.Id).ToList();
        var bodies = await db.MessageTexts
            .AsNoTracking()
            .Where(t => ids.Contains(t.MessageId))
            .Select(t => new { t.MessageId, Body = t.Body.Substring(0, ScannedBodyLength) })
            .ToDictionaryAsync(t => t.MessageId, t => t.Body, cancellationToken);
        var terms = query.HighlightTerms.ToList();
        var snippets = page.ToDictionary(
            item => item.Id,
            item => (bodies.TryGetValue(item.Id, out var body) ? SearchHighlighter.Around(body, terms) : null)
                ?? SearchHighlighter.Within(item.Snippet, terms));
        return new SearchResults(query, Math.Min(count, CountCap), count > CountCap, snippets);
    }
}
