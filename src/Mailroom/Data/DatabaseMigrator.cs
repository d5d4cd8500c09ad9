using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mailroom.Data;

/// <summary>Brings the database schema up to date; SQLite is also switched to WAL so readers never block the fetcher.</summary>
/// With <see cref="DatabaseOptions.MigrateOnStart"/> off, an operator runs the migrations separately and nodes only use the schema.
internal sealed class DatabaseMigrator(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDbContext>();
        // Reading the history table is enough when the schema is current (every start but the first after an upgrade);
        // Migrate itself takes the migration lock and compares the model with the last snapshot, which costs start-up time.
        if (options.Value.MigrateOnStart && (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            // EF Core takes a database-wide migration lock, so nodes starting together apply each migration once.
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (db.Database.IsSqlite())
        {
            // WAL is a property of the database file, so setting it once per start is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
