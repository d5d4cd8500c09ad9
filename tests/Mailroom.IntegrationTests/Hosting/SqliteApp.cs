namespace Mailroom.IntegrationTests.Hosting;

/// <summary>Class fixture: one app on its own SQLite file for all tests of a class.</summary>
public sealed class SqliteApp() : MailroomAppFactory(DatabaseKind.Sqlite);
