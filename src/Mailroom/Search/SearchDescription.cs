using System.Globalization;
using Mailroom.Messages;

namespace Mailroom.Search;

/// <summary>A query said back in plain words, so an empty result explains what was looked for and where.</summary>
internal static class SearchDescription
{
    public static string Of(SearchQuery query, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(timeZone);
        var parts = new List<string>();
        parts.AddRange(query.Clauses.Select(Clause));
        var filters = query.Filters;
        if (filters.SentFrom is { } from)
        {
            parts.Add($"sent on or after {Day(from, timeZone)}");
        }

        if (filters.SentBefore is { } before)
        {
            parts.Add($"sent before {Day(before, timeZone)}");
        }

        if (filters.IsRead is { } isRead)
        {
            parts.Add(isRead ? "read" : "unread");
        }

        if (filters.HasAttachments is { } hasAttachments)
        {
            parts.Add(hasAttachments ? "with attachments" : "without attachments");
        }

        if (filters.Folder is { } folder)
        {
            parts.Add(folder == MailFolder.Sent ? "in Sent" : "in the inbox");
        }

        return string.Join("; ", parts);
    }

    private static string Clause(SearchClause clause) =>
        (clause.IsNegated ? "not " : "") + string.Join(" or ", clause.Alternatives.Select(Term));

    private static string Term(SearchTerm term)
    {
        var words = "“" + string.Join(' ', term.Tokens) + (term.IsPrefix ? "…" : "") + "”";
        return term.Field switch
        {
            SearchField.From => $"{words} in the sender",
            SearchField.To => $"{words} in the recipients",
            SearchField.Cc => $"{words} in Cc",
            SearchField.Subject => $"{words} in the subject",
            SearchField.FileName => $"{words} in attachment names",
            _ => words,
        };
    }

    private static string Day(DateTimeOffset instant, TimeZoneInfo timeZone) =>
        TimeZoneInfo.ConvertTime(instant, timeZone).ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
