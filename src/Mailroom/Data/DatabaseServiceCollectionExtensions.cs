using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Data;

internal static class DatabaseServiceCollectionExtensions
{
    /// <summary>Registers <see cref="MailroomDbContext"/> on the configured provider with that provider's migrations assembly.</summary>
    public static IServiceCollection AddMailroomDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        var connectionString = configuration.GetConnectionString("Mailroom");

        services.AddDbContext<MailroomDbContext>(db => Configure(db, options.Provider, connectionString));
        services.AddDbContextFactory<MailroomDbContext>(db => Configure(db, options.Provider, connectionString), ServiceLifetime.Scoped);
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder db, DatabaseProvider provider, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(db);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                db.UseSqlite(
                    SqliteConnectionStrings.Prepare(connectionString ?? DatabaseOptions.DefaultSqliteConnectionString),
                    sqlite => sqlite.MigrationsAssembly("Mailroom.Migrations.Sqlite"));
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        "Mailroom:Database:Provider is Postgres but ConnectionStrings:Mailroom is empty. " +
                        "Set it, e.g. ConnectionStrings__Mailroom=\"Host=db;Database=mailroom;Username=mailroom;Password=…\".");
                }

                db.UseNpgsql(connectionString, pg => pg.MigrationsAssembly("Mailroom.Migrations.Postgres"));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}'. Use Sqlite or Postgres.");
        }
    }

    private static class SqliteConnectionStrings
    {
        /// <summary>Creates the database file's folder (./data by default) so that a fresh clone runs with no set-up.</summary>
        public static string Prepare(string connectionString)
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory) && builder.Mode != SqliteOpenMode.Memory)
            {
                Directory.CreateDirectory(directory);
            }

            return builder.ToString();
        }
    }
}
