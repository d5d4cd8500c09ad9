using Mailroom.Accounts;
using Mailroom.Data;
using Mailroom.Search;
using Mailroom.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mailroom.Tests;

/// <summary>A throwaway SQLite database file with the full schema (search index included), one per test: the unit tests' one database fixture.</summary>
internal sealed class SqliteTestDatabase : IDbContextFactory<MailroomDbContext>, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mailroom-unit-{Guid.NewGuid():N}.db");

    public SqliteTestDatabase()
    {
        ConnectionString = $"Data Source={_path}";
        using var db = CreateDbContext();
        db.Database.EnsureCreated();
        db.Database.ExecuteSqlRaw(SearchIndexSchema.Sqlite);
    }

    public string ConnectionString { get; }

    public MailroomDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<MailroomDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, DatabaseProvider.Sqlite, ConnectionString);
        options.ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning));
        return new MailroomDbContext(options.Options);
    }

    public async Task<Guid> AddAccountAsync(AccountState state = AccountState.Active, string host = "127.0.0.1", int port = 995)
    {
        await using var db = CreateDbContext();
        var owner = new MailroomUser { UserName = $"u{Guid.NewGuid():N}@example.test" };
        db.Users.Add(owner);
        var account = new Pop3Account
        {
            OwnerId = owner.Id,
            DisplayName = "Test",
            EmailAddress = "test@example.test",
            Host = host,
            Port = port,
            UserName = "test@example.test",
            ProtectedPassword = "not-a-real-ciphertext",
            UseSsl = true,
            State = state,
        };
        db.Pop3Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
