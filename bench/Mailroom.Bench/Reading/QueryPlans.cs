using System.Data.Common;
using System.Text;
using Mailroom.Data;
using Mailroom.Messages;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Mailroom.Bench.Reading;

/// <summary>
/// Runs the app's own list query (<see cref="MessageListQuery"/>), records the SQL EF Core sent, and asks the
/// database how it executes it: EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL.
/// </summary>
internal static class QueryPlans
{
    public static async Task<string> ExplainListAsync(BenchDatabase database, MessageListRequest request, CancellationToken cancellationToken)
    {
        var recorder = new PageQueryRecorder();
        await using (var db = database.NewContext(options => options.AddInterceptors(recorder)))
        {
            await new MessageListQuery(db).ListAsync(request, cancellationToken);
        }

        var (sql, parameters) = recorder.Page ?? throw new InvalidOperationException("The list ran no page query.");
        var plan = new StringBuilder();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var (name, value) in parameters)
            {
                explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                plan.Append("  ").AppendLine(reader.GetString(3));
            }
        }
        else
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection);
            foreach (var (name, value) in parameters)
            {
                explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                plan.Append("  ").AppendLine(reader.GetString(0));
            }
        }

        return $"{sql}\n-- plan:\n{plan}";
    }

    /// <summary>Keeps the page query: the one ordered by sent date (a search also counts its matches and reads their texts).</summary>
    private sealed class PageQueryRecorder : DbCommandInterceptor
    {
        public (string Sql, List<(string Name, object? Value)> Parameters)? Page { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("ORDER BY", StringComparison.Ordinal))
            {
                Page = (command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
