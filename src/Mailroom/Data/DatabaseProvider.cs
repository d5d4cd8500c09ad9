namespace Mailroom.Data;

internal enum DatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
}
