using Mailroom.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mailroom.IntegrationTests.Hosting;

/// <summary>
/// A database that belongs to one test app instance (or to a few instances that share it on purpose):
/// a SQLite file in its own temp folder, or a fresh database on the PostgreSQL test cluster.
/// Disposing deletes it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteDirectory;
    private readonly string? _postgresDatabase;
    private bool _deleted;

    private TestDatabase(DatabaseKind kind, string connectionString, string? sqliteDirectory, string? postgresDatabase)
    {
        Kind = kind;
        ConnectionString = connectionString;
        _sqliteDirectory = sqliteDirectory;
        _postgresDatabase = postgresDatabase;
    }

    public DatabaseKind Kind { get; }

    internal DatabaseProvider Provider => Kind == DatabaseKind.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind, CancellationToken cancellationToken = default)
    {
        if (kind == DatabaseKind.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "mailroom-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "mailroom.db") }.ToString();
            return new TestDatabase(kind, connectionString, directory, null);
        }

        var database = $"mailroom_test_{Guid.NewGuid():N}";
        await using (var admin = await PostgresTestServer.OpenAdminConnectionAsync(cancellationToken))
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new TestDatabase(kind, PostgresTestServer.ConnectionStringFor(database), null, database);
    }

    /// <summary>Deletes the database (idempotent: a test may delete it early, e.g. to see the app lose it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_deleted)
        {
            return;
        }

        _deleted = true;
        if (_sqliteDirectory is not null)
        {
            using (var connection = new SqliteConnection(ConnectionString))
            {
                SqliteConnection.ClearPool(connection);
            }

            Directory.Delete(_sqliteDirectory, recursive: true);
        }

        if (_postgresDatabase is not null)
        {
            using (var connection = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(connection);
            }

            await using var admin = await PostgresTestServer.OpenAdminConnectionAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
