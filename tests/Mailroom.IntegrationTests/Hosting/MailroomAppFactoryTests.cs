using Microsoft.EntityFrameworkCore;

namespace Mailroom.IntegrationTests.Hosting;

/// <summary>The harness itself: each app instance really runs on the database it was given.</summary>
public abstract class MailroomAppFactoryTests(MailroomAppFactory app)
{
    [Fact]
    public async Task App_RunsOnItsOwnMigratedDatabase()
    {
        var (connectionString, provider, pending) = await app.WithDbContextAsync(async db =>
            (db.Database.GetConnectionString(), db.Database.ProviderName, (await db.Database.GetPendingMigrationsAsync()).Count()));

        Assert.Equal(app.Database.ConnectionString, connectionString);
        Assert.EndsWith(app.DatabaseKind == DatabaseKind.Postgres ? "PostgreSQL" : "Sqlite", provider, StringComparison.Ordinal);
        Assert.Equal(0, pending);
    }
}

public sealed class MailroomAppFactoryTestsOnSqlite(SqliteApp app) : MailroomAppFactoryTests(app), IClassFixture<SqliteApp>;

public sealed class MailroomAppFactoryTestsOnPostgres(PostgresApp app) : MailroomAppFactoryTests(app), IClassFixture<PostgresApp>;
