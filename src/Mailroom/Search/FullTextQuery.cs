using System.Text;

namespace Mailroom.Search;

/// <summary>
/// A parsed query in each index's own syntax. Only folded tokens (letters and digits) and fixed column names
/// ever reach the text, each token quoted, so no input can change the expression's shape.
/// </summary>
internal static class FullTextQuery
{
    /// <summary>An FTS5 MATCH expression that every clause in <paramref name="all"/> matches and none in <paramref name="none"/>.</summary>
    public static string Fts5(IReadOnlyList<SearchClause> all, IReadOnlyList<SearchClause> none)
    {
        var expression = new StringBuilder(string.Join(" AND ", all.Select(Fts5)));
        foreach (var clause in none)
        {
            // FTS5's NOT is binary: "a NOT b NOT c".
            expression.Append(" NOT ").Append(Fts5(clause));
        }

        return expression.ToString();
    }

    /// <summary>An FTS5 MATCH expression that any of the clauses matches (for "messages to exclude").</summary>
    public static string Fts5Any(IReadOnlyList<SearchClause> clauses) => string.Join(" OR ", clauses.Select(Fts5));

    public static string TsQuery(IReadOnlyList<SearchClause> all, IReadOnlyList<SearchClause> none) =>
        string.Join(" & ", all.Select(TsQuery).Concat(none.Select(c => "!" + TsQuery(c))));

    public static string TsQueryAny(IReadOnlyList<SearchClause> clauses) => string.Join(" | ", clauses.Select(TsQuery));

    private static string Fts5(SearchClause clause) => "(" + string.Join(" OR ", clause.Alternatives.Select(Fts5)) + ")";

    private static string Fts5(SearchTerm term)
    {
        var columns = term.Field switch
        {
            SearchField.From => "{sender} : ",
            SearchField.To => "{recipients cc} : ",
            SearchField.Cc => "{cc} : ",
            SearchField.Subject => "{subject} : ",
            SearchField.FileName => "{filenames} : ",
            _ => "",
        };
        var phrase = "\"" + string.Join(' ', term.Tokens).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return columns + phrase + (term.IsPrefix ? " *" : "");
    }

    private static string TsQuery(SearchClause clause) => "(" + string.Join(" | ", clause.Alternatives.SelectMany(TsQueries)) + ")";

    private static IEnumerable<string> TsQueries(SearchTerm term) => term.Field switch
    {
        SearchField.From => [Phrase(term, "~f")],
        SearchField.To => [Phrase(term, "~t"), Phrase(term, "~c")],
        SearchField.Cc => [Phrase(term, "~c")],
        SearchField.Subject => [Phrase(term, "~s")],
        SearchField.FileName => [Phrase(term, "~a")],
        _ => [Phrase(term, "")],
    };

    private static string Phrase(SearchTerm term, string mark)
    {
        var lexemes = term.Tokens.Select((token, i) =>
            TsLiteral.Quote(mark + token) + (term.IsPrefix && i == term.Tokens.Count - 1 ? ":*" : ""));
        return "(" + string.Join(" <-> ", lexemes) + ")";
    }
}
