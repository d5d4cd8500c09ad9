using Mailroom.Data;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Fetching;

/// <summary>"Fetch now": makes an account due at once (or as soon as the server's LOGIN-DELAY allows). Any node picks it up on its next tick.</summary>
internal sealed class FetchRequests(IDbContextFactory<MailroomDbContext> databases, FetchLeases leases, TimeProvider time)
{
    /// <summary>Also the call for an account that was just created or re-enabled.</summary>
    public async Task RequestAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await leases.ScheduleNewAccountsAsync(cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var state = await db.AccountFetchStates.FirstOrDefaultAsync(s => s.AccountId == accountId, cancellationToken);
        if (state is null)
        {
            // Not active (disabled or deleted): nothing to fetch until it is enabled again.
            return;
        }

        var now = time.GetUtcNow();
        var allowedAt = state.LastSignInAt + (state.ServerLoginDelay ?? TimeSpan.Zero);
        state.FetchRequestedAt = now;
        state.NextFetchAt = allowedAt > now ? allowedAt.Value : now;
        state.ConsecutiveFailures = 0;
        await db.SaveChangesAsync(cancellationToken);
    }
}
