using Npgsql;

namespace Mailroom.IntegrationTests.Hosting;

/// <summary>
/// Where the private PostgreSQL test cluster listens (started by testenv/start.sh).
/// The only place that knows it; MAILROOM_TEST_POSTGRES overrides it with a full admin connection string.
/// </summary>
public static class PostgresTestServer
{
    private const string DefaultAdminConnectionString =
        "Host=127.0.0.1;Port=22432;Database=postgres;Username=postgres;Password=pgpass;Pooling=false";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("MAILROOM_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : DefaultAdminConnectionString;

    /// <summary>The connection string for one database on the test cluster.</summary>
    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true }.ConnectionString;

    public static async Task<NpgsqlConnection> OpenAdminConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(AdminConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"The PostgreSQL test server is not reachable ({new NpgsqlConnectionStringBuilder(AdminConnectionString).Host}:" +
                $"{new NpgsqlConnectionStringBuilder(AdminConnectionString).Port}). Start it with testenv/start.sh.", e);
        }
    }
}
