using Mailroom.Data;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Web.Live;

/// <summary>The newest event a page was rendered after: its stream starts there, so nothing between render and connect is lost.</summary>
internal sealed class LiveCursor(MailroomDbContext db)
{
    public async Task<long> LatestAsync(string userId, CancellationToken cancellationToken) =>
        await db.MailboxEvents.Where(e => e.UserId == userId).MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
}
