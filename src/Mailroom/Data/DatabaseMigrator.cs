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
        if (options.Value.MigrateOnStart)
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
