using Mailroom.Data;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Live;

/// <summary>
/// How the engine announces a change. <see cref="Add"/> joins the caller's unit of work, so the event commits (or
/// rolls back) with the change itself; the async forms write at once for callers that change rows with single statements.
/// </summary>
internal static class MailboxEvents
{
    public static void Add(MailroomDbContext db, string userId, Guid? accountId, MailboxChange change, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.MailboxEvents.Add(new MailboxEvent { UserId = userId, AccountId = accountId, Change = change, At = at });
    }

    public static async Task AppendAsync(MailroomDbContext db, string userId, Guid? accountId, MailboxChange change, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Add(db, userId, accountId, change, at);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>For callers that know only the account (the fetcher's lease): the owner is looked up; a deleted account announces nothing.</summary>
    public static async Task AppendForAccountAsync(MailroomDbContext db, Guid accountId, MailboxChange change, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var owner = await db.Pop3Accounts.Where(a => a.Id == accountId).Select(a => a.OwnerId).FirstOrDefaultAsync(cancellationToken);
        if (owner is not null)
        {
            await AppendAsync(db, owner, accountId, change, at, cancellationToken);
        }
    }
}
