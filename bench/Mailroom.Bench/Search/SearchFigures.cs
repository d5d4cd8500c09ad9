using System.Globalization;
using Mailroom.Bench.Reading;
using Mailroom.Data;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Bench.Search;

/// <summary>The search rows of the reading benchmark (bench/README.md, "Search"), and the index's size on disk.</summary>
internal static class SearchFigures
{
    public static async Task<IReadOnlyList<Latency>> MeasureAsync(HttpClient client, Guid account, int requests, CancellationToken cancellationToken)
    {
        (string Name, string Query)[] searches =
        [
            ("search, word in 10 % of messages", SearchWords.Common),
            ("search, word in 0.1 % of messages", SearchWords.Rare),
            ("search, word in no message", SearchWords.Absent),
            ("search, phrase (1 %, each word 11 %)", SearchWords.Phrase),
            ("search, from: and a word (2.5 %)", SearchWords.FromAndWord),
            ("search, word in 10 %, All mail", SearchWords.Common),
            ("search as you type, prefix \"quart\"", "quart"),
        ];
        var results = new List<Latency>();
        foreach (var (name, query) in searches)
        {
            var scope = name.EndsWith("All mail", StringComparison.Ordinal) ? "" : $"account={account}&";
            var partial = name.StartsWith("search as you type", StringComparison.Ordinal) ? "&partial=true" : "";
            results.Add(await Latency.MeasureAsync(client, name, _ => $"api/messages?{scope}q={Uri.EscapeDataString(query)}{partial}", requests, cancellationToken));
        }

        return results;
    }

    /// <summary>
    /// Bytes the index takes per message: the text table and the FTS5 table on SQLite, the text table with its tsvector
    /// and GIN index on PostgreSQL. The SQLite bundled with Microsoft.Data.Sqlite has no dbstat table, so there the
    /// figures are the stored values' lengths (the FTS5 segments and document sizes, the texts), page overhead excluded.
    /// </summary>
    public static async Task<string> IndexSizeAsync(BenchDatabase database, int messages, CancellationToken cancellationToken)
    {
        await using var db = database.NewContext();
        long text, index;
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            text = await db.Database.SqlQueryRaw<long>(
                """SELECT COALESCE(SUM(length(CAST("Body" AS BLOB)) + length(CAST("AttachmentNames" AS BLOB)) + 8), 0) AS "Value" FROM "MessageTexts" """)
                .SingleAsync(cancellationToken);
            index = await db.Database.SqlQueryRaw<long>(
                """SELECT (SELECT COALESCE(SUM(length("block")), 0) FROM "MessageSearch_data") + (SELECT COALESCE(SUM(length("sz")), 0) FROM "MessageSearch_docsize") AS "Value" """)
                .SingleAsync(cancellationToken);
        }
        else
        {
            text = await db.Database.SqlQueryRaw<long>("""SELECT pg_table_size('"MessageTexts"') AS "Value" """).SingleAsync(cancellationToken);
            index = await db.Database.SqlQueryRaw<long>("""SELECT pg_indexes_size('"MessageTexts"') AS "Value" """).SingleAsync(cancellationToken);
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"Index size: text {text / (double)messages:N0} B/message, full-text index {index / (double)messages:N0} B/message (total {(text + index) / 1048576.0:N1} MB for {messages:N0} messages).");
    }
}
