using System.Net;
using Mailroom.IntegrationTests.Hosting;

namespace Mailroom.IntegrationTests.Operations;

public abstract class HealthTests(MailroomAppFactory app)
{
    [Fact]
    public async Task Healthz_WhenTheDatabaseIsReachable_AnswersHealthyWithoutSignIn()
    {
        using var client = app.CreateHttpClient();

        using var response = await client.GetAsync(new Uri("healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

public sealed class HealthTestsOnSqlite(SqliteApp app) : HealthTests(app), IClassFixture<SqliteApp>;

public sealed class HealthTestsOnPostgres(PostgresApp app) : HealthTests(app), IClassFixture<PostgresApp>;

public sealed class HealthWhenDatabaseIsGoneTests
{
    [Fact]
    public async Task Healthz_WhenThePostgresDatabaseDisappears_AnswersUnhealthy()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        await using var app = new MailroomAppFactory(database);
        await app.StartAsync();
        using var client = app.CreateHttpClient();
        using var before = await client.GetAsync(new Uri("healthz", UriKind.Relative));

        await database.DisposeAsync();
        using var after = await client.GetAsync(new Uri("healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
    }
}
