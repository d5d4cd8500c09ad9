using Mailroom.Data;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Workspaces;

/// <summary>
/// Private (the default) or shared with the owner's workspace. Only the account's owner changes it; sharing shows the
/// account's client mail to members read-only and never its settings or password.
/// </summary>
internal sealed class AccountSharing(MailroomDbContext db, WorkspaceDirectory workspaces, TimeProvider time)
{
    /// <returns>False when the account is not one of the user's (another user's, or deleted).</returns>
    public async Task<bool> SetAsync(string ownerId, Guid accountId, bool shared, CancellationToken cancellationToken)
    {
        if (!await db.AccountsOf(ownerId).AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            return false;
        }

        var membership = await workspaces.MembershipAsync(ownerId, cancellationToken);
        var current = await db.SharedAccounts.SingleOrDefaultAsync(s => s.AccountId == accountId, cancellationToken);
        if (shared && current is null)
        {
            db.SharedAccounts.Add(new SharedAccount { AccountId = accountId, WorkspaceId = membership.WorkspaceId, SharedAt = time.GetUtcNow() });
        }
        else if (!shared && current is not null)
        {
            db.SharedAccounts.Remove(current);
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The ids of the user's accounts that are shared.</summary>
    public async Task<HashSet<Guid>> SharedAccountIdsAsync(string ownerId, CancellationToken cancellationToken) =>
        [.. await db.SharedAccounts
            .Where(s => db.AccountsWithKeptMailOf(ownerId).Any(a => a.Id == s.AccountId))
            .Select(s => s.AccountId)
            .ToListAsync(cancellationToken)];
}
