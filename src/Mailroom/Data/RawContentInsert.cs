using System.Data.Common;
using Mailroom.Messages;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Mailroom.Data;

/// <summary>
/// Writes a message's raw bytes from the download buffer straight into the database, never as one large array:
/// SQLite reserves the blob (<c>zeroblob</c>) and fills it through incremental blob I/O; PostgreSQL reads the
/// bytea parameter from the stream. Table and column names come from the EF model.
/// </summary>
internal sealed class RawContentInsert : IAsyncDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter _messageId;
    private readonly DbParameter _content;
    private readonly SqliteConnection? _sqlite;
    private readonly string _table;
    private readonly string _contentColumn;

    private RawContentInsert(DbCommand command, DbParameter messageId, DbParameter content, SqliteConnection? sqlite, string table, string contentColumn)
    {
        _command = command;
        _messageId = messageId;
        _content = content;
        _sqlite = sqlite;
        _table = table;
        _contentColumn = contentColumn;
    }

    public static RawContentInsert Create(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(RawMessage))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var messageIdColumn = entity.FindProperty(nameof(RawMessage.MessageId))!.GetColumnName(table)!;
        var contentColumn = entity.FindProperty(nameof(RawMessage.Content))!.GetColumnName(table)!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var connection = db.Database.GetDbConnection();
        var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Raw content is written inside the batch's transaction; begin it first.");
        var sqlite = connection as SqliteConnection;
        var messageId = command.CreateParameter();
        messageId.ParameterName = "@id";
        var content = sqlite is null ? new NpgsqlParameter("@content", NpgsqlDbType.Bytea) : command.CreateParameter();
        content.ParameterName = sqlite is null ? "@content" : "@length";
        command.Parameters.Add(messageId);
        command.Parameters.Add(content);
        // zeroblob(n) reserves n bytes in the row; incremental blob I/O then writes them in place (SQLite has no streaming bind).
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({sql.DelimitIdentifier(messageIdColumn)}, {sql.DelimitIdentifier(contentColumn)}) " +
            $"VALUES (@id, {(sqlite is null ? "@content" : "zeroblob(@length)")})";
        return new RawContentInsert(command, messageId, content, sqlite, table.Name, contentColumn);
    }

    /// <summary>Stores all of <paramref name="content"/> (from its start) as the raw bytes of message <paramref name="messageId"/>.</summary>
    public async Task InsertAsync(long messageId, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        content.Position = 0;
        _messageId.Value = messageId;
        if (_sqlite is null)
        {
            _content.Value = content;
            _content.Size = checked((int)content.Length);
            await _command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        _content.Value = content.Length;
        await _command.ExecuteNonQueryAsync(cancellationToken);
        // The key is an INTEGER PRIMARY KEY, so it is the rowid that blob I/O addresses.
        await using var blob = new SqliteBlob(_sqlite, _table, _contentColumn, messageId);
        await content.CopyToAsync(blob, cancellationToken);
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
