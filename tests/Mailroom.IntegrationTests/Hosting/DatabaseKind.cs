namespace Mailroom.IntegrationTests.Hosting;

/// <summary>The database a test app instance runs on; every database-backed test class runs on both.</summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}
