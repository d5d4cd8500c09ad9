namespace Mailroom.Data;

/// <summary>Bound from <c>Mailroom:Database</c>; the connection string comes from <c>ConnectionStrings:Mailroom</c>.</summary>
internal sealed class DatabaseOptions
{
    public const string SectionName = "Mailroom:Database";

    public const string DefaultSqliteConnectionString = "Data Source=data/mailroom.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the application starts (every node may do it; migrations take a lock).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
