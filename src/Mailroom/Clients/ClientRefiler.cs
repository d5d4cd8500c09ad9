using Mailroom.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mailroom.Clients;

/// <summary>
/// Files all of a workspace's mail against one client's current addresses: adds what now matches, removes what no
/// longer does, in batches by message id so the timeline never goes blank and progress can be shown.
/// Claiming is one conditional UPDATE, so exactly one node works on a client at a time.
/// </summary>
internal sealed class ClientRefiler(IDbContextFactory<MailroomDbContext> databases, IOptionsMonitor<ClientsOptions> options, TimeProvider time)
{
    /// <summary>Claims the longest-waiting pending re-filing, if any; returns its client id and this node's lease token.</summary>
    public async Task<(long ClientId, Guid Token)?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var candidates = await db.ClientRefilings.AsNoTracking()
            .Where(r => r.CompletedVersion < r.RequestedVersion && (r.LeaseExpiresAt == null || r.LeaseExpiresAt <= now))
            .OrderBy(r => r.RequestedAt)
            .Select(r => r.ClientId)
            .Take(5)
            .ToListAsync(cancellationToken);
        var token = Guid.NewGuid();
        var expires = now + options.CurrentValue.RefilingLease;
        foreach (var clientId in candidates)
        {
            // The condition is checked again by the UPDATE itself: a node that lost the race updates nothing.
            var won = await db.ClientRefilings
                .Where(r => r.ClientId == clientId && r.CompletedVersion < r.RequestedVersion && (r.LeaseExpiresAt == null || r.LeaseExpiresAt <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseToken, token).SetProperty(r => r.LeaseExpiresAt, expires), cancellationToken);
            if (won == 1)
            {
                return (clientId, token);
            }
        }

        return null;
    }

    /// <returns>False when the lease was lost to another node (this node then stops).</returns>
    public async Task<bool> RunAsync(long clientId, Guid token, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var version = await db.ClientRefilings.Where(r => r.ClientId == clientId).Select(r => r.RequestedVersion).SingleAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().Include(c => c.Addresses).SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        if (client is null)
        {
            return true; // deleted meanwhile; its refiling row went with it
        }

        var keys = client.Addresses.Select(a => a.Value).ToHashSet(StringComparer.Ordinal);
        var members = db.WorkspaceMembers.Where(m => m.WorkspaceId == client.WorkspaceId).Select(m => m.UserId);
        var workspaceMail = db.Messages.AsNoTracking().Where(m => members.Contains(m.OwnerId));

        // Mail of users who left the workspace is no longer this client's.
        await db.MessageFilings.Where(f => f.ClientId == clientId && !members.Contains(f.OwnerId)).ExecuteDeleteAsync(cancellationToken);
        var total = await workspaceMail.LongCountAsync(cancellationToken);
        if (!await ReportAsync(db, clientId, token, 0, total, cancellationToken))
        {
            return false;
        }

        long done = 0, lastId = 0;
        while (true)
        {
            var batch = await workspaceMail.Where(m => m.Id > lastId).OrderBy(m => m.Id).Take(settings.RefilingBatchSize)
                .Select(m => new { m.Id, m.AccountId, m.OwnerId, m.SentAt, m.FromAddress, m.To, m.Cc })
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var ids = batch.Select(m => m.Id).ToList();
            var filed = (await db.MessageFilings.Where(f => f.ClientId == clientId && ids.Contains(f.MessageId)).Select(f => f.MessageId)
                .ToListAsync(cancellationToken)).ToHashSet();
            var matching = batch.Where(m => MessageAddresses.KeysOf(m.FromAddress, m.To, m.Cc).Overlaps(keys)).ToList();
            var matchingIds = matching.Select(m => m.Id).ToHashSet();
            var stale = filed.Where(id => !matchingIds.Contains(id)).ToList();
            if (stale.Count > 0)
            {
                await db.MessageFilings.Where(f => f.ClientId == clientId && stale.Contains(f.MessageId)).ExecuteDeleteAsync(cancellationToken);
            }

            db.MessageFilings.AddRange(matching.Where(m => !filed.Contains(m.Id)).Select(m => new MessageFiling
            {
                ClientId = clientId,
                MessageId = m.Id,
                AccountId = m.AccountId,
                OwnerId = m.OwnerId,
                SentAt = m.SentAt,
            }));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();

            done += batch.Count;
            lastId = batch[^1].Id;
            if (!await ReportAsync(db, clientId, token, done, Math.Max(total, done), cancellationToken))
            {
                return false;
            }
        }

        // A change made while this ran bumped RequestedVersion past `version`: the job stays pending for one more pass.
        var now = time.GetUtcNow();
        await db.ClientRefilings.Where(r => r.ClientId == clientId && r.LeaseToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.CompletedVersion, version)
                .SetProperty(r => r.CompletedAt, now)
                .SetProperty(r => r.LeaseToken, (Guid?)null)
                .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        return true;
    }

    private async Task<bool> ReportAsync(MailroomDbContext db, long clientId, Guid token, long done, long total, CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow() + options.CurrentValue.RefilingLease;
        return await db.ClientRefilings.Where(r => r.ClientId == clientId && r.LeaseToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Done, done).SetProperty(r => r.Total, total).SetProperty(r => r.LeaseExpiresAt, expires), cancellationToken) == 1;
    }
}
