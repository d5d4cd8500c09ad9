using Mailroom.Data;
using Mailroom.Messages;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Search;

/// <summary>
/// A message list narrowed to a query's matches. The full-text index yields the matching ids, and the list keeps its
/// own order and keyset paging over them; flags and dates are plain column conditions.
/// </summary>
internal static class SearchFilter
{
    /// <summary>
    /// Up to this many matches in the whole index, SQLite reads the matches first and sorts them; beyond it, walking
    /// the list's own index in sent order finds a page of matches sooner than sorting them all.
    /// </summary>
    private const int SortedMatchesLimit = 2_000;

    /// <summary>The messages <paramref name="scope"/> shows (an account's folder, or all of the owner's) that match <paramref name="query"/>.</summary>
    public static async Task<IQueryable<StoredMessage>> ApplyAsync(
        MailroomDbContext db, SearchQuery query, Func<IQueryable<StoredMessage>, IQueryable<StoredMessage>> scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(scope);
        var positive = query.Positive.ToList();
        var negative = query.Negative.ToList();
        var postgres = db.Database.IsNpgsql();
        IQueryable<StoredMessage> messages;
        if (positive.Count > 0)
        {
            var expression = postgres ? FullTextQuery.TsQuery(positive, negative) : FullTextQuery.Fts5(positive, negative);
            var matching = Matching(db, expression);

            // SQLite's planner has no statistics for the full-text index, so it always walks the list's index and tests
            // each id against the matches: quick for a common word, but a rare or absent one reads every message. For
            // few matches the CROSS JOIN makes the index the outer loop instead: matches first, looked up by primary key.
            var fewMatches = !postgres && await matching.Take(SortedMatchesLimit + 1).CountAsync(cancellationToken) <= SortedMatchesLimit;
            messages = fewMatches
                ? scope(db.Messages.FromSql($"""
                    SELECT "m".* FROM (SELECT rowid AS "MatchId" FROM "MessageSearch" WHERE "MessageSearch" MATCH {expression}) AS "s"
                    CROSS JOIN "Messages" AS "m" ON "m"."Id" = "s"."MatchId"
                    """))
                : scope(db.Messages).Where(m => matching.Contains(m.Id));
        }
        else if (negative.Count > 0)
        {
            // Nothing to look for, only words to avoid: every message but those that have one.
            var excluded = Matching(db, postgres ? FullTextQuery.TsQueryAny(negative) : FullTextQuery.Fts5Any(negative));
            messages = scope(db.Messages).Where(m => !excluded.Contains(m.Id));
        }
        else
        {
            messages = scope(db.Messages);
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
