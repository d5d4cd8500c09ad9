namespace Mailroom.IntegrationTests.Hosting;

/// <summary>Class fixture: one app on its own PostgreSQL database for all tests of a class.</summary>
public sealed class PostgresApp() : MailroomAppFactory(DatabaseKind.Postgres);
