using Mailroom.Data;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Clients;

/// <summary>Asks the background re-filing to file a client's mail again (see <see cref="ClientRefiler"/>).</summary>
internal sealed class RefilingRequests(MailroomDbContext db, TimeProvider time)
{
    public async Task RequestAsync(long clientId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var refiling = await db.ClientRefilings.SingleOrDefaultAsync(r => r.ClientId == clientId, cancellationToken);
        if (refiling is null)
        {
            db.ClientRefilings.Add(new ClientRefiling { ClientId = clientId, RequestedVersion = 1, RequestedAt = now });
        }
        else
        {
            // A run in progress sees the new version when it finishes and leaves the job pending for one more pass.
            refiling.RequestedVersion++;
            refiling.RequestedAt = now;
            refiling.Done = 0;
            refiling.Total = 0;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Every client of a workspace, e.g. when a member joins and brings their mail.</summary>
    public async Task RequestWorkspaceAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        var clientIds = await db.Clients.Where(c => c.WorkspaceId == workspaceId).Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var clientId in clientIds)
        {
            await RequestAsync(clientId, cancellationToken);
        }
    }
}
