using Mailroom.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mailroom.Bench.Reading;

/// <summary>A throwaway database for one run: a SQLite file in a temp folder, or a fresh database on the testenv PostgreSQL.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private const string DefaultPostgresAdmin = "Host=127.0.0.1;Port=22432;Database=postgres;Username=postgres;Password=pgpass;Pooling=false";

    private readonly string? _folder;
    private readonly string? _postgresName;

    private BenchDatabase(DatabaseProvider provider, string connectionString, string? folder, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    private static string PostgresAdmin =>
        Environment.GetEnvironmentVariable("MAILROOM_BENCH_POSTGRES") is { Length: > 0 } configured ? configured : DefaultPostgresAdmin;

    public static async Task<BenchDatabase> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken)
    {
        BenchDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "mailroom-bench-reading", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            database = new BenchDatabase(provider, $"Data Source={Path.Combine(folder, "mailroom.db")}", folder, null);
        }
        else
        {
            var name = $"mailroom_bench_reading_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(PostgresAdmin))
            {
                await admin.OpenAsync(cancellationToken);
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            database = new BenchDatabase(
                provider, new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name, Pooling = true }.ConnectionString, null, name);
        }

        await using var db = database.NewContext();
        await db.Database.MigrateAsync(cancellationToken);
        if (provider == DatabaseProvider.Sqlite)
        {
            // As the app does on start.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return database;
    }

    public MailroomDbContext NewContext(Action<DbContextOptionsBuilder>? configure = null)
    {
        var options = new DbContextOptionsBuilder<MailroomDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, Provider, ConnectionString);
        configure?.Invoke(options);
        return new MailroomDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
