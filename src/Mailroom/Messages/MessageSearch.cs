using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Messages;

/// <summary>
/// Search by sender, recipient and subject words. Every word must match (AND); a word may be qualified as
/// <c>from:</c>, <c>to:</c> (To or Cc) or <c>subject:</c>; quotes keep a phrase together. Matching is a
/// case-insensitive substring (LIKE on SQLite, ILIKE on PostgreSQL) over the summary columns, inside the same
/// keyset walk as the plain list, so it stays one index range per account or owner.
/// </summary>
internal static class MessageSearch
{
    public const int MaxTerms = 8;

    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly MethodInfo ILike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(
        nameof(NpgsqlDbFunctionsExtensions.ILike), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly Expression<Func<StoredMessage, string>>[] SenderFields = [m => m.FromName, m => m.FromAddress];
    private static readonly Expression<Func<StoredMessage, string>>[] RecipientFields = [m => m.To, m => m.Cc];
    private static readonly Expression<Func<StoredMessage, string>>[] SubjectFields = [m => m.Subject];
    private static readonly Expression<Func<StoredMessage, string>>[] AllFields = [.. SenderFields, .. RecipientFields, .. SubjectFields];

    public static IQueryable<StoredMessage> Apply(IQueryable<StoredMessage> messages, string? search, bool caseInsensitiveLikeNeeded)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var term in Terms(search))
        {
            var fields = term.Field switch
            {
                "from" => SenderFields,
                "to" => RecipientFields,
                "subject" => SubjectFields,
                _ => AllFields,
            };
            messages = messages.Where(AnyFieldContains(fields, term.Words, caseInsensitiveLikeNeeded ? ILike : Like));
        }

        return messages;
    }

    public static IReadOnlyList<SearchTerm> Terms(string? search)
    {
        var terms = new List<SearchTerm>();
        if (string.IsNullOrWhiteSpace(search))
        {
            return terms;
        }

        var position = 0;
        while (position < search.Length && terms.Count < MaxTerms)
        {
            while (position < search.Length && char.IsWhiteSpace(search[position]))
            {
                position++;
            }

            var start = position;
            string? field = null;
            var colon = search.IndexOf(':', position);
            var nextSpace = IndexOfWhiteSpace(search, position);
            if (colon > position && (nextSpace < 0 || colon < nextSpace))
            {
                var candidate = search[position..colon].ToLowerInvariant();
                if (candidate is "from" or "to" or "subject")
                {
                    field = candidate;
                    position = colon + 1;
                }
            }

            string words;
            if (position < search.Length && search[position] == '"')
            {
                var close = search.IndexOf('"', position + 1);
                var end = close < 0 ? search.Length : close;
                words = search[(position + 1)..end];
                position = close < 0 ? search.Length : close + 1;
            }
            else
            {
                var end = IndexOfWhiteSpace(search, position);
                end = end < 0 ? search.Length : end;
                words = search[position..end];
                position = end;
            }

            words = words.Trim();
            if (words.Length > 0)
            {
                terms.Add(new SearchTerm(field, words));
            }
            else if (position == start)
            {
                position++;
            }
        }

        return terms;
    }

    private static int IndexOfWhiteSpace(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static Expression<Func<StoredMessage, bool>> AnyFieldContains(
        Expression<Func<StoredMessage, string>>[] fields, string words, MethodInfo like)
    {
        var message = Expression.Parameter(typeof(StoredMessage), "m");
        // A member of a closure object, not a constant, so that EF sends a parameter and reuses the query plan.
        var pattern = Expression.Property(Expression.Constant(new LikePattern("%" + EscapeLike(words) + "%")), nameof(LikePattern.Value));
        var functions = Expression.Constant(EF.Functions);
        var escape = Expression.Constant("\\");
        Expression? any = null;
        foreach (var field in fields)
        {
            var value = new ParameterReplacer(field.Parameters[0], message).Visit(field.Body);
            var call = Expression.Call(like, functions, value, pattern, escape);
            any = any is null ? call : Expression.OrElse(any, call);
        }

        return Expression.Lambda<Func<StoredMessage, bool>>(any!, message);
    }

    private static string EscapeLike(string words) =>
        words.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    private sealed record LikePattern(string Value);

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>Words to find in one field (from, to, subject) or, with a null <see cref="Field"/>, in any of them.</summary>
internal sealed record SearchTerm(string? Field, string Words);
