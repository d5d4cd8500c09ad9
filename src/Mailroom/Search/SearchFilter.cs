using Mailroom.Data;
using Mailroom.Messages;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Search;

/// <summary>
/// Narrows a message list to a query's matches. The full-text index yields the matching ids as a subquery, and
/// the list keeps its own order and keyset paging over them; flags and dates are plain column conditions.
/// </summary>
internal static class SearchFilter
{
    public static IQueryable<StoredMessage> Apply(MailroomDbContext db, IQueryable<StoredMessage> messages, SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(query);
        var positive = query.Positive.ToList();
        var negative = query.Negative.ToList();
        var postgres = db.Database.IsNpgsql();
        if (positive.Count > 0)
        {
            var matching = Matching(db, postgres ? FullTextQuery.TsQuery(positive, negative) : FullTextQuery.Fts5(positive, negative));
            messages = messages.Where(m => matching.Contains(m.Id));
        }
        else if (negative.Count > 0)
        {
            // Nothing to look for, only words to avoid: every message but those that have one.
            var excluded = Matching(db, postgres ? FullTextQuery.TsQueryAny(negative) : FullTextQuery.Fts5Any(negative));
            messages = messages.Where(m => !excluded.Contains(m.Id));
        }

        var filters = query.Filters;
        if (filters.SentFrom is { } from)
        {
            messages = messages.Where(m => m.SentAt >= from);
        }

        if (filters.SentBefore is { } before)
        {
            messages = messages.Where(m => m.SentAt < before);
        }

        if (filters.IsRead is { } isRead)
        {
            messages = messages.Where(m => m.IsRead == isRead);
        }

        if (filters.HasAttachments is { } hasAttachments)
        {
            messages = messages.Where(m => m.HasAttachments == hasAttachments);
        }

        return messages;
    }

    private static IQueryable<long> Matching(MailroomDbContext db, string expression) => db.Database.IsNpgsql()
        ? db.Database.SqlQuery<long>($"""SELECT "MessageId" AS "Value" FROM "MessageTexts" WHERE "Document" @@ {expression}::tsquery""")
        : db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "MessageSearch" WHERE "MessageSearch" MATCH {expression}""");
}
