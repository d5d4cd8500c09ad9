using System.Data.Common;
using Mailroom.Data;
using Mailroom.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Mailroom.Search;

/// <summary>
/// Writes messages into the full-text index, inside the caller's transaction when there is one (the fetch batch,
/// the sent copy), so a message is searchable from the moment it is listed. The messages must already have ids.
/// Writing a message that is indexed already changes nothing, so the back-fill may race the fetcher.
/// </summary>
internal static class SearchIndex
{
    private static readonly string[] SqliteParameterNames = ["$id", "$text", "$names", "$sender", "$recipients", "$cc", "$subject", "$filenames", "$body"];

    public static async Task AddAsync(MailroomDbContext db, IReadOnlyCollection<IndexedMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        var documents = messages.Select(m => (m.Message.Id, Document: SearchDocument.Of(m.Message, m.Text), m.Text)).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (connection is NpgsqlConnection postgres)
            {
                await AddToPostgresAsync(postgres, (NpgsqlTransaction?)transaction, documents, cancellationToken);
            }
            else
            {
                await AddToSqliteAsync(connection, transaction, documents, cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task AddToSqliteAsync(
        DbConnection connection, DbTransaction? transaction, List<(long Id, SearchDocument Document, SearchableText Text)> documents,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // changes(): the FTS row is written only when the text row was new (INSERT OR IGNORE skipped nothing).
        command.CommandText = """
            INSERT OR IGNORE INTO "MessageTexts" ("MessageId", "Body", "AttachmentNames") VALUES ($id, $text, $names);
            INSERT INTO "MessageSearch" (rowid, sender, recipients, cc, subject, filenames, body)
            SELECT $id, $sender, $recipients, $cc, $subject, $filenames, $body WHERE changes() = 1;
            """;
        var parameters = SqliteParameterNames.Select(name =>
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
                return parameter;
            })
            .ToArray();
        foreach (var (id, document, text) in documents)
        {
            parameters[0].Value = id;
            parameters[1].Value = document.IndexedBody;
            parameters[2].Value = text.AttachmentNames;
            parameters[3].Value = string.Join(' ', document.Sender);
            parameters[4].Value = string.Join(' ', document.Recipients);
            parameters[5].Value = string.Join(' ', document.Cc);
            parameters[6].Value = string.Join(' ', document.Subject);
            parameters[7].Value = string.Join(' ', document.FileNames);
            parameters[8].Value = string.Join(' ', document.Body);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task AddToPostgresAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, List<(long Id, SearchDocument Document, SearchableText Text)> documents,
        CancellationToken cancellationToken)
    {
        // One round trip for the whole batch.
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (id, document, text) in documents)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO "MessageTexts" ("MessageId", "Body", "AttachmentNames", "Document")
                VALUES ($1, $2, $3, $4::tsvector) ON CONFLICT ("MessageId") DO NOTHING
                """)
            {
                Parameters =
                {
                    new NpgsqlParameter<long> { TypedValue = id },
                    new NpgsqlParameter<string> { TypedValue = document.IndexedBody, NpgsqlDbType = NpgsqlDbType.Text },
                    new NpgsqlParameter<string> { TypedValue = text.AttachmentNames, NpgsqlDbType = NpgsqlDbType.Text },
                    new NpgsqlParameter<string> { TypedValue = document.ToTsVector(), NpgsqlDbType = NpgsqlDbType.Text },
                },
            });
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>A stored message (with its id) and the text parsed with its summary.</summary>
internal sealed record IndexedMessage(StoredMessage Message, SearchableText Text);
