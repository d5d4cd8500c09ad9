using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mailroom.Data;

/// <summary>
/// One INSERT for one entity type, built from the EF model (table, columns, type mappings and value converters) and
/// executed row after row in the context's current transaction: what SaveChanges would send, without change tracking
/// or per-batch SQL generation. A column the database generates (the identity key) is left out and returned.
/// A column added to the model is inserted too, with no change here.
/// </summary>
internal sealed class PreparedInsert<TEntity> : IAsyncDisposable
    where TEntity : class
{
    private readonly DbCommand _command;
    private readonly Column[] _columns;
    private readonly IProperty? _generatedKey;

    private PreparedInsert(DbCommand command, Column[] columns, IProperty? generatedKey)
    {
        _command = command;
        _columns = columns;
        _generatedKey = generatedKey;
    }

    public static PreparedInsert<TEntity> Create(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var generatedKey = entity.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key] ? key : null;

        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A prepared insert runs inside the batch's transaction; begin it first.");
        var columns = new List<Column>();
        foreach (var property in entity.GetProperties().Where(p => p != generatedKey))
        {
            if (property.IsShadowProperty() || property.GetComputedColumnSql() is not null)
            {
                throw new InvalidOperationException($"{entity.DisplayName()}.{property.Name} is a shadow or computed column, which {nameof(PreparedInsert<TEntity>)} cannot fill.");
            }

            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, sql.GenerateParameterName($"p{columns.Count}"), value: null, property.IsNullable);
            command.Parameters.Add(parameter);
            columns.Add(new Column(property.GetColumnName(table)!, property.GetGetter(), mapping, parameter));
        }

        var returning = generatedKey is null ? "" : $" RETURNING {sql.DelimitIdentifier(generatedKey.GetColumnName(table)!)}";
        command.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) " +
            $"VALUES ({string.Join(", ", columns.Select(c => c.Parameter.ParameterName))}){returning}";
        return new PreparedInsert<TEntity>(command, [.. columns], generatedKey);
    }

    /// <summary>Inserts one row and, like SaveChanges, sets its generated key on it; returns that key, or null when the table has none.</summary>
    public async Task<long?> InsertAsync(TEntity row, CancellationToken cancellationToken)
    {
        foreach (var column in _columns)
        {
            var value = column.Getter.GetClrValueUsingContainingEntity(row);
            column.Parameter.Value = (value is null ? null : column.Mapping.Converter?.ConvertToProvider(value) ?? value) ?? DBNull.Value;
        }

        var returned = await _command.ExecuteScalarAsync(cancellationToken);
        if (_generatedKey is null || returned is null or DBNull)
        {
            return null;
        }

        var key = Convert.ToInt64(returned, System.Globalization.CultureInfo.InvariantCulture);
        // EF's own setter is internal API; the key property's (init) setter through reflection does the same once per row.
        _generatedKey.PropertyInfo!.SetValue(row, Convert.ChangeType(key, _generatedKey.ClrType, System.Globalization.CultureInfo.InvariantCulture));
        return key;
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();

    private sealed record Column(string Name, IClrPropertyGetter Getter, RelationalTypeMapping Mapping, DbParameter Parameter);
}
