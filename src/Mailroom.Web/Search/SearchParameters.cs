using Mailroom.Search;

namespace Mailroom.Web.Search;

/// <summary>
/// Turns the search parameters of a request (<c>q</c>, the reader's IANA time zone <c>tz</c>, and <c>partial</c>
/// while the user is still typing) into a query; the page and the API read them the same way.
/// </summary>
internal sealed class SearchParameters(TimeProvider time)
{
    public SearchQuery? Parse(string? q, string? timeZone, bool partial = false) =>
        string.IsNullOrWhiteSpace(q) ? null : SearchQueryParser.Parse(q, new SearchContext(TimeZoneOf(timeZone), time.GetUtcNow(), partial));

    /// <summary>An unknown or missing zone is UTC: dates then mean UTC days, which the empty state says.</summary>
    public static TimeZoneInfo TimeZoneOf(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
