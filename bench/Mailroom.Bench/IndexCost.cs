using System.Diagnostics;
using Mailroom.Data;
using Mailroom.Messages;
using Mailroom.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Bench;

/// <summary>
/// What the full-text index adds to an ingest: after the engine's run, the account's index entries are removed and
/// written again the way the batch writer writes them (100 messages per transaction, SQLite with synchronous=FULL),
/// timing only the index writes (the summary parse, which ingest does anyway, runs outside the clock). The ingest
/// overlaps downloading with committing, so this is an upper bound on the wall time the index adds.
/// </summary>
internal static class IndexCost
{
    private const int BatchSize = 100;

    public static async Task<TimeSpan> MeasureAsync(IServiceProvider services, Guid accountId)
    {
        await using var scope = services.CreateAsyncScope();
        var databases = scope.ServiceProvider.GetRequiredService<IDbContextFactory<MailroomDbContext>>();
        await using (var db = await databases.CreateDbContextAsync())
        {
            var ids = db.Messages.Where(m => m.AccountId == accountId).Select(m => m.Id);
            if (!db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("""DELETE FROM "MessageSearch" WHERE rowid IN (SELECT "Id" FROM "Messages" WHERE "AccountId" = {0})""", accountId);
            }

            await db.MessageTexts.Where(t => ids.Contains(t.MessageId)).ExecuteDeleteAsync();
        }

        var elapsed = TimeSpan.Zero;
        long after = 0;
        while (true)
        {
            await using var db = await databases.CreateDbContextAsync();
            var batch = await db.Messages.AsNoTracking().Where(m => m.AccountId == accountId && m.Id > after).OrderBy(m => m.Id).Take(BatchSize).ToListAsync();
            if (batch.Count == 0)
            {
                return elapsed;
            }

            var batchIds = batch.Select(m => m.Id).ToList();
            var raws = await db.RawMessages.AsNoTracking().Where(r => batchIds.Contains(r.MessageId)).ToDictionaryAsync(r => r.MessageId, r => r.Content);
            var indexed = batch.Select(m => new IndexedMessage(m, MessageSummaryParser.Parse(raws[m.Id], m.StoredAt).Text)).ToList();
            raws.Clear();

            var clock = Stopwatch.StartNew();
            await db.Database.OpenConnectionAsync();
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL;");
            }

            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await SearchIndex.AddAsync(db, indexed, default);
                await transaction.CommitAsync();
            }

            elapsed += clock.Elapsed;
            after = batch[^1].Id;
        }
    }
}
