using Mailroom.Data;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Search;

/// <summary>"Indexing older mail: 40 %" for one user, while the back-fill still has some of their mail to do.</summary>
internal sealed class SearchBackfillProgress(MailroomDbContext db)
{
    /// <returns>The share of the owner's mail indexed so far (0-99), or null when all of it is.</returns>
    public async Task<int?> PercentForAsync(string ownerId, CancellationToken cancellationToken)
    {
        var below = await db.SearchBackfill.AsNoTracking()
            .Where(b => b.Id == SearchBackfill.RowId && b.CompletedAt == null)
            .Select(b => (long?)b.Below)
            .SingleOrDefaultAsync(cancellationToken);
        if (below is not { } mark)
        {
            return null;
        }

        var waiting = await db.MessagesOf(ownerId).CountAsync(m => m.Id < mark, cancellationToken);
        if (waiting == 0)
        {
            return null;
        }

        var total = await db.MessagesOf(ownerId).CountAsync(cancellationToken);
        return (int)((total - waiting) * 100L / total);
    }
}
